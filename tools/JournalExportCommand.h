#pragma once
// `breakwater journal export --csv OUT JOURNAL`: the compliance CSV (one row per order the
// RiskGate judged) from an audit journal. Built only where bw::journal exists.

#include <string>

#include "tools/OperatorCommands.h"

namespace bw::tools {

/// Reads `journal_path`, writes the CSV to `csv_path` (through a temporary file renamed
/// into place, so a reader never sees half a file) and prints the row count. Malformed
/// journal lines (a line torn by a crash) are skipped and reported on `io.err`.
/// Exit: 0 written; 2 journal unreadable; 1 CSV not writable.
int journalExportCommand(const std::string& journal_path, const std::string& csv_path, Io io);

}  // namespace bw::tools
