#pragma once
// The text module: languages, the message catalogue, numbers and dates as each language writes
// them.
//
// Thread-safety: as each header of the module says: values, pure functions and an immutable
// built-in catalogue.

#include <parmetrics/text/language.hpp>
#include <parmetrics/text/messages.hpp>
#include <parmetrics/text/number_format.hpp>
#include <parmetrics/text/translations.hpp>
