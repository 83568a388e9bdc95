#pragma once
// Forms for people beside the table and Markdown (form_format.cpp). Internal.

#include <string>

#include <parmetrics/forms/form.hpp>

namespace parmetrics::detail {

/// The form as one self-contained HTML page (form_html.cpp).
std::string form_html(const Form& form, Language language);

}  // namespace parmetrics::detail
