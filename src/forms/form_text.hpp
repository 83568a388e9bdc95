#pragma once
// Forms for people beside the table and Markdown (form_format.cpp). Internal.

#include <string>

#include <parmetrics/forms/form.hpp>

namespace parmetrics::detail {

/// A group row's label in `language`: a unit's name or a field as the data give it, the form's
/// "field unknown" from the catalogue (form_format.cpp).
std::string group_label(const FormRow& row, Language language);

/// The form as one self-contained HTML page (form_html.cpp).
std::string form_html(const Form& form, Language language);

}  // namespace parmetrics::detail
