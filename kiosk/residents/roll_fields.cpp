#include "residents/roll_fields.h"

#include <cmath>
#include <cstdio>
#include <regex>

#include "core/id_number.h"

namespace vsk::residents {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string integer_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t') out += c;
  return out;
}

std::optional<core::Date> ymd(int y, int m, int d) {
  const core::Date date{y, m, d};
  if (y < 1880 || !core::is_valid(date)) return std::nullopt;
  return date;
}

}  // namespace

std::string normalize_text(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    // U+FF01..U+FF5E (EF BC 81 .. EF BD 9E) -> '!'..'~'
    if (c == 0xEF && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
      const int cp = ((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out += static_cast<char>(cp - 0xFF01 + 0x21);
        i += 3;
        continue;
      }
    }
    if (s.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 ideographic space
      out += ' ';
      i += 3;
      continue;
    }
    if (s.substr(i, 2) == "\xC2\xA0") {  // U+00A0 no-break space
      out += ' ';
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
    ++i;
  }
  const auto first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return out.substr(first, out.find_last_not_of(" \t\r\n") - first + 1);
}

std::string upgrade_15_digit_id(std::string_view id15) {
  std::string first17 = std::string(id15.substr(0, 6)) + "19" + std::string(id15.substr(6));
  return first17 + core::id_check_character(first17);
}

Field<std::string> read_id_number(const Cell& c) {
  Field<std::string> f;
  if (c.kind == Cell::Kind::kEmpty) {
    f.error = core::Message("roll.id.empty");
    return f;
  }
  if (c.kind == Cell::Kind::kNumber) {
    // A 15-digit first-generation number is still exact in a number cell; anything longer is not.
    if (c.number == std::floor(c.number) && c.number >= 1e14 && c.number < 1e15) {
      f.value = upgrade_15_digit_id(integer_text(c.number));
      return f;
    }
    f.error = core::Message("roll.id.number_cell");
    return f;
  }
  std::string id = without_spaces(normalize_text(c.text));
  for (char& ch : id)
    if (ch == 'x') ch = 'X';
  static const std::regex scientific(R"(^[0-9](\.[0-9]+)?E\+?[0-9]+$)");
  if (std::regex_match(id, scientific)) {  // a CSV saved from a number column
    f.error = core::Message("roll.id.number_cell");
    return f;
  }
  if (id.size() == 15 && all_digits(id)) id = upgrade_15_digit_id(id);
  if (const auto err = core::validate_id_number(id)) {
    switch (*err) {
      case core::IdNumberError::kWrongLength:
        f.error = core::Message("roll.id.length").arg("length", std::to_string(id.size()));
        break;
      case core::IdNumberError::kBadCharacters: f.error = core::Message("roll.id.chars"); break;
      case core::IdNumberError::kBadBirthDate: f.error = core::Message("roll.id.birth"); break;
      case core::IdNumberError::kBadCheckDigit:
        // "...000": the digits Excel dropped from a number cell, then the column turned to text.
        f.error = core::Message(id.ends_with("000") ? "roll.id.check_lost_digits" : "roll.id.check");
        break;
    }
    return f;
  }
  f.value = id;
  return f;
}

Field<core::Date> read_date(const Cell& c, const core::Date& today) {
  Field<core::Date> f;
  std::optional<core::Date> d;
  std::string shown = c.text;
  if (c.kind == Cell::Kind::kEmpty) return f;
  if (c.kind == Cell::Kind::kDate) {
    d = core::parse_date(c.text);
  } else if (c.kind == Cell::Kind::kNumber && c.number == std::floor(c.number)) {
    const auto n = static_cast<std::int64_t>(c.number);
    if (n >= 18800101 && n <= 29991231) d = ymd(static_cast<int>(n / 10000), static_cast<int>(n / 100 % 100), static_cast<int>(n % 100));
    else if (n > 0 && n < 80000) d = core::from_days(n - 25569);  // an Excel serial shown as a number
  } else {
    const std::string t = normalize_text(c.text);
    shown = t;
    // Alternatives, not [...]: std::regex sees bytes, and 年/月/日 are three bytes each in UTF-8.
    static const std::regex sep(R"(^([0-9]{4})\s*(?:-|/|\.|年)\s*([0-9]{1,2})\s*(?:-|/|\.|月)\s*([0-9]{1,2})\s*(?:日)?(\s.*)?$)");
    static const std::regex compact(R"(^([0-9]{4})([0-9]{2})([0-9]{2})$)");
    std::smatch m;
    if (std::regex_match(t, m, sep) || std::regex_match(t, m, compact))
      d = ymd(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  }
  if (!d) {
    f.error = core::Message("roll.date.bad").arg("value", shown);
    return f;
  }
  if (*d > today) {
    f.error = core::Message("roll.date.future").arg("value", core::format_date(*d));
    return f;
  }
  f.value = d;
  return f;
}

Field<std::string> read_gender(const Cell& c) {
  Field<std::string> f;
  const std::string t = normalize_text(c.text);
  if (c.kind == Cell::Kind::kEmpty || t.empty()) return f;
  if (t == "男" || t == "男性" || t == "M" || t == "m") f.value = "M";
  else if (t == "女" || t == "女性" || t == "F" || t == "f") f.value = "F";
  else f.error = core::Message("roll.gender.bad").arg("value", t);
  return f;
}

Field<std::string> read_phone(const Cell& c) {
  Field<std::string> f;
  if (c.kind == Cell::Kind::kEmpty) return f;
  std::string p = c.kind == Cell::Kind::kNumber ? integer_text(c.number) : without_spaces(normalize_text(c.text));
  if (p.empty()) return f;
  if (p.rfind("+86", 0) == 0) p = p.substr(3);
  static const std::regex mobile(R"(^1[3-9][0-9]{9}$)");
  static const std::regex landline(R"(^0[0-9]{2,3}-?[0-9]{7,8}$|^[0-9]{7,8}$)");
  if (std::regex_match(p, mobile) || std::regex_match(p, landline)) f.value = p;
  else f.error = core::Message("roll.phone.bad").arg("value", p);
  return f;
}

std::string read_text(const Cell& c) {
  if (c.kind == Cell::Kind::kNumber && c.number == std::floor(c.number) && std::fabs(c.number) < 1e15)
    return integer_text(c.number);
  return normalize_text(c.text);
}

std::string read_name(const Cell& c) {
  const std::string t = normalize_text(c.text);
  bool cjk = false;
  for (unsigned char ch : t) cjk |= ch >= 0xE0;
  return cjk ? without_spaces(t) : t;
}

core::Date id_birth_date(std::string_view id18) {
  return {std::stoi(std::string(id18.substr(6, 4))), std::stoi(std::string(id18.substr(10, 2))),
          std::stoi(std::string(id18.substr(12, 2)))};
}

std::string id_gender(std::string_view id18) { return (id18[16] - '0') % 2 == 1 ? "M" : "F"; }

}  // namespace vsk::residents
