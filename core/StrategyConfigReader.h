#pragma once
// Reads and lists [signals], [belief], [decision] and [templates.*] (core/StrategyConfig.h).
// Internal to core/Config.cpp's loading: cold path, throws ConfigError naming
// file:line [table] key.

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/Config.h"

namespace bw::config_detail {

/// Reads the four tables into `config`. Needs config.strategy and config.bars read first:
/// the timeframes are checked against them.
void readStrategyTables(const toml::table& root, const std::vector<std::string>& lines, const std::string& source,
                        Config& config);

/// The listing of those tables for `breakwater config check`.
[[nodiscard]] std::string describeStrategyTables(const Config& config);

}  // namespace bw::config_detail
