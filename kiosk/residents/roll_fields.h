// One field of a roll row, read the forgiving way a clerk's file needs: full-width digits and
// letters, ideographic spaces, dates in any of the usual spellings, numbers where text was
// meant. Pure functions; errors and warnings come back as translatable messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/message.h"
#include "residents/sheet.h"

namespace vsk::residents {

// Full-width ASCII (０-９, Ａ-Ｚ, ｘ...) to ASCII, ideographic and no-break spaces to ' ',
// surrounding spaces trimmed.
std::string normalize_text(std::string_view s);

// A value with the problem found reading it (error: the row cannot be imported).
template <typename T>
struct Field {
  std::optional<T> value;
  std::optional<core::Message> error;
  std::optional<core::Message> warning;
};

// A first-generation 15-digit number (GB 11643-1989: 6 region, yymmdd born in 19xx, 3 serial)
// as the 18-digit number: century "19" inserted, check character appended.
std::string upgrade_15_digit_id(std::string_view id15);

// 18 characters, normalised (spaces gone, x upper case), check digit right. A number cell is
// refused: Excel keeps 15 significant digits, so the last ones are already lost.
Field<std::string> read_id_number(const Cell& c);

// A date cell, "1964-02-03", "1964/2/3", "1964.02.03", "1964年2月3日", "19640203" (text or
// number), or an Excel serial day in a number cell. Not after `today`.
Field<core::Date> read_date(const Cell& c, const core::Date& today);

// "男"/"女" (also 男性/女性, M/F) -> "M"/"F".
Field<std::string> read_gender(const Cell& c);

// Mobile (11 digits from 1), landline (0xx(x)-xxxxxxx(x)) or a local 7-8 digit number; a
// number cell is fine here (phones have no more than 12 digits). Empty: no value, no error.
Field<std::string> read_phone(const Cell& c);

// Names: spaces between Chinese characters are layout, not part of the name.
std::string read_name(const Cell& c);

// Text as the clerk typed it (normalised); a number cell as its digits ("12", not "12.0").
std::string read_text(const Cell& c);

// The birth date and sex carried inside a valid 18-digit number.
core::Date id_birth_date(std::string_view id18);
std::string id_gender(std::string_view id18);  // "M" / "F"

}  // namespace vsk::residents
