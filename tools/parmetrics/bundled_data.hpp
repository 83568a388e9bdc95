#pragma once
// Where the CLI finds the data shipped with parmetrics (the sample, the default SIPAS
// questionnaire): one rule for every command.

#include <filesystem>
#include <string_view>

namespace parmetrics::cli {

/// The data folder holding `relative` (e.g. "sample/dossiers.csv"): the install tree when this
/// program runs from the prefix it was installed to (its executable in PREFIX/<dir>/, the data in
/// PREFIX/share/parmetrics), else the source tree it was built from, else an install tree next to
/// the executable (PREFIX/bin/../share/parmetrics, for a relocated install), else the install
/// tree. Empty when none holds the file.
std::filesystem::path bundled_data_dir(std::string_view relative);

/// The folders bundled_data_dir() looks in, for messages.
std::string_view installed_data_dir() noexcept;
std::string_view source_data_dir() noexcept;

}  // namespace parmetrics::cli
