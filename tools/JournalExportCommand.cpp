#include "tools/JournalExportCommand.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "pipeline/ComplianceExport.h"
#include "pipeline/JournalReader.h"

namespace bw::tools {

int journalExportCommand(const std::string& journal_path, const std::string& csv_path, Io io) {
  pipeline::JournalReadResult journal;
  try {
    journal = pipeline::readJournal(journal_path);
  } catch (const std::exception& e) {
    io.err << "breakwater: " << e.what() << "\n";
    return kExitUsage;
  }
  for (const std::string& error : journal.errors) io.err << "warning: " << error << "\n";
  if (journal.malformed > journal.errors.size()) {
    io.err << "warning: " << journal.malformed - journal.errors.size() << " more malformed lines not shown\n";
  }

  std::string tmp = csv_path;
  tmp += ".tmp";
  std::size_t rows = 0;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      io.err << "breakwater: cannot write " << tmp << "\n";
      return kExitFailure;
    }
    rows = pipeline::writeComplianceCsv(journal.records, out);
    out.flush();
    if (!out) {
      io.err << "breakwater: write to " << tmp << " failed\n";
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return kExitFailure;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, csv_path, ec);
  if (ec) {
    io.err << "breakwater: cannot rename " << tmp << " to " << csv_path << ": " << ec.message() << "\n";
    return kExitFailure;
  }
  io.out << rows << " rows written to " << csv_path << " (from " << journal.records.size() << " journal records of "
         << journal_path;
  if (journal.malformed > 0) io.out << "; " << journal.malformed << " malformed lines skipped";
  if (journal.seq_breaks > 0) io.out << "; " << journal.seq_breaks << " sequence breaks";
  io.out << ")\n";
  return kExitOk;
}

}  // namespace bw::tools
