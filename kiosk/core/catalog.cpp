#include "core/catalog.h"

#include "core/text.h"

#include <charconv>
#include <set>

namespace vsk::core {

const std::string& LocalText::in(const std::string& locale) const {
  if (locale == "en" && !en.empty()) return en;
  return zh;
}

const Service* Catalog::find(const std::string& id) const {
  for (const Service& s : services)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<const Service*> Catalog::in_category(const std::string& category) const {
  std::vector<const Service*> out;
  for (const Service& s : services)
    if (s.category == category) out.push_back(&s);
  return out;
}

std::size_t utf8_length(const std::string& text) {
  // Count every byte that is not a continuation byte (10xxxxxx): one per code point.
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// ---------------------------------------------------------------- validation of values

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trim(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Message field_error(const char* key, const FormField& f, const std::string& locale) {
  return Message(key).arg("field", f.label.in(locale));
}

std::optional<Message> check_choice(const FormField& f, const std::string& v, const std::string& locale) {
  for (const Choice& c : f.choices)
    if (c.id == v) return std::nullopt;
  return field_error("form.err.choice", f, locale);
}

std::optional<Message> check_number(const FormField& f, const std::string& v, const std::string& locale) {
  const std::string_view digits = v[0] == '-' ? std::string_view(v).substr(1) : std::string_view(v);
  if (!all_digits(digits)) return field_error("form.err.number", f, locale);
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  // A digit string too long for int64 is still a number, just far out of range.
  const bool in_range = ec == std::errc() && end == v.data() + v.size() && n >= f.min && n <= f.max;
  if (in_range) return std::nullopt;
  return field_error("form.err.number_range", f, locale)
      .arg("min", std::to_string(f.min))
      .arg("max", std::to_string(f.max));
}

std::optional<Message> check_date(const FormField& f, const std::string& v, const Date& today,
                                  const std::string& locale) {
  const std::optional<Date> d = parse_date(v);
  if (!d) return field_error("form.err.date", f, locale);
  if (f.date_rule == DateRule::kPastOrToday && *d > today) return field_error("form.err.date_future", f, locale);
  if (f.date_rule == DateRule::kTodayOrFuture && *d < today) return field_error("form.err.date_past", f, locale);
  return std::nullopt;
}

bool is_mobile(const std::string& v) { return v.size() == 11 && all_digits(v) && v[0] == '1' && v[1] >= '3'; }

// 0 + 2-3 digit area code + 7-8 digit local number; one optional '-' after the area code.
bool is_landline(const std::string& v) {
  if (v.empty() || v[0] != '0') return false;
  const std::size_t dash = v.find('-');
  if (dash == std::string::npos) return all_digits(v) && v.size() >= 10 && v.size() <= 12;
  const std::string_view area = std::string_view(v).substr(0, dash);
  const std::string_view local = std::string_view(v).substr(dash + 1);
  return all_digits(area) && area.size() >= 3 && area.size() <= 4 && all_digits(local) && local.size() >= 7 &&
         local.size() <= 8;
}

std::optional<Message> check_phone(const FormField& f, const std::string& v, const std::string& locale) {
  if (is_mobile(v) || is_landline(v)) return std::nullopt;
  return field_error("form.err.phone", f, locale);
}

std::optional<Message> check_text(const FormField& f, const std::string& v, const std::string& locale) {
  // Broken encodings, control characters and emoji are refused, never stored half-right.
  if (!displayable_text(v)) return field_error("form.err.bad_text", f, locale);
  if (utf8_length(v) <= static_cast<std::size_t>(f.max_length)) return std::nullopt;
  return field_error("form.err.too_long", f, locale).arg("max", std::to_string(f.max_length));
}

std::optional<Message> check_yes_no(const FormField& f, const std::string& v, const std::string& locale) {
  if (v == "true" || v == "false") return std::nullopt;
  return field_error("form.err.yes_no", f, locale);
}

}  // namespace

std::optional<Message> validate_field(const FormField& f, const std::string& value, const Date& today,
                                      const std::string& locale) {
  const std::string v = trim(value);
  if (v.empty()) {
    if (f.required) return field_error("form.err.required", f, locale);
    return std::nullopt;  // an optional field left blank is simply not answered
  }
  switch (f.type) {
    case FieldType::kChoice: return check_choice(f, v, locale);
    case FieldType::kNumber: return check_number(f, v, locale);
    case FieldType::kDate: return check_date(f, v, today, locale);
    case FieldType::kPhone: return check_phone(f, v, locale);
    case FieldType::kShortText: return check_text(f, v, locale);
    case FieldType::kYesNo: return check_yes_no(f, v, locale);
  }
  return std::nullopt;
}

std::vector<FieldError> validate_form(const Service& s, const std::map<std::string, std::string>& values,
                                      const Date& today, const std::string& locale) {
  std::vector<FieldError> errors;
  std::set<std::string> known;
  static const std::string kEmpty;
  for (const FormField& f : s.fields) {
    known.insert(f.id);
    const auto it = values.find(f.id);
    if (auto m = validate_field(f, it == values.end() ? kEmpty : it->second, today, locale))
      errors.push_back({f.id, std::move(*m)});
  }
  // A key the service does not ask for means the screen and the catalog disagree: refuse it
  // rather than store data nobody will look at.
  for (const auto& [key, value] : values)
    if (!known.count(key)) errors.push_back({key, Message("form.err.unknown_field").arg("field", key)});
  return errors;
}

// ---------------------------------------------------------------- structural checks

namespace {

// Ids end up in the database, sync messages and UI scripts: keep them plain ASCII.
bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

class Checker {
 public:
  void check(const Catalog& c) {
    if (c.version < 1) add("version must be 1 or more (is " + std::to_string(c.version) + ")");
    if (c.services.empty()) add("the catalog has no services");
    check_categories(c);
    check_services(c);
  }
  std::vector<std::string> take() { return std::move(problems_); }

 private:
  void add(std::string p) { problems_.push_back(std::move(p)); }

  void id(const std::string& where, const std::string& value) {
    if (!valid_id(value)) add(where + ": id '" + value + "' must be non-empty lowercase a-z, 0-9, '_' or '-'");
  }

  void unique(std::set<std::string>& seen, const std::string& where, const std::string& value) {
    if (!seen.insert(value).second) add(where + ": duplicate id '" + value + "'");
  }

  // Both languages are required: an English kiosk must never fall back to an empty label.
  void text(const std::string& where, const LocalText& t) {
    if (t.zh.empty()) add(where + ": Chinese text is missing");
    if (t.en.empty()) add(where + ": English text is missing");
  }

  void check_categories(const Catalog& c) {
    std::set<std::string> seen;
    for (const Category& cat : c.categories) {
      const std::string where = "category '" + cat.id + "'";
      id(where, cat.id);
      unique(seen, "categories", cat.id);
      text(where + " name", cat.name);
      // An empty category would show an elderly resident an empty page.
      if (c.in_category(cat.id).empty()) add(where + " has no services");
    }
  }

  void check_services(const Catalog& c) {
    std::set<std::string> categories, seen;
    for (const Category& cat : c.categories) categories.insert(cat.id);
    for (const Service& s : c.services) {
      const std::string where = "service '" + s.id + "'";
      id(where, s.id);
      unique(seen, "services", s.id);
      if (!categories.count(s.category)) add(where + ": unknown category '" + s.category + "'");
      check_service_texts(where, s);
      if (s.promised_days < 1) add(where + ": promised_days must be 1 or more");
      if (s.fields.empty()) add(where + ": has no form fields");
      check_fields(where, s);
    }
  }

  void check_service_texts(const std::string& where, const Service& s) {
    text(where + " name", s.name);
    text(where + " summary", s.summary);
    text(where + " department", s.department);
    for (std::size_t i = 0; i < s.materials.size(); ++i)
      text(where + " materials[" + std::to_string(i) + "]", s.materials[i]);
  }

  void check_fields(const std::string& service, const Service& s) {
    std::set<std::string> seen;
    for (const FormField& f : s.fields) {
      const std::string where = service + ", field '" + f.id + "'";
      id(where, f.id);
      unique(seen, service + " fields", f.id);
      text(where + " label", f.label);
      check_field_kind(where, f);
    }
  }

  void check_field_kind(const std::string& where, const FormField& f) {
    switch (f.type) {
      case FieldType::kChoice: check_choices(where, f); break;
      case FieldType::kNumber: check_number_field(where, f); break;
      case FieldType::kShortText: check_text_field(where, f); break;
      case FieldType::kDate:
      case FieldType::kPhone:
      case FieldType::kYesNo: break;
    }
  }

  void check_choices(const std::string& where, const FormField& f) {
    if (f.choices.size() < 2)
      add(where + ": a choice field needs at least 2 choices (has " + std::to_string(f.choices.size()) + ")");
    std::set<std::string> seen;
    for (const Choice& ch : f.choices) {
      id(where + " choice", ch.id);
      unique(seen, where + " choices", ch.id);
      text(where + " choice '" + ch.id + "'", ch.label);
    }
  }

  void check_number_field(const std::string& where, const FormField& f) {
    if (f.min > f.max) add(where + ": min " + std::to_string(f.min) + " is greater than max " + std::to_string(f.max));
    if (!f.unit.zh.empty() || !f.unit.en.empty()) text(where + " unit", f.unit);
  }

  void check_text_field(const std::string& where, const FormField& f) {
    if (f.max_length < 1) add(where + ": max_length must be 1 or more");
    // A phrase the resident taps must itself be a valid answer, in either language.
    for (const LocalText& p : f.phrases) {
      text(where + " phrase '" + p.zh + "'", p);
      if (utf8_length(p.zh) > static_cast<std::size_t>(f.max_length) ||
          utf8_length(p.en) > static_cast<std::size_t>(f.max_length))
        add(where + ": phrase '" + p.zh + "' is longer than max_length " + std::to_string(f.max_length));
    }
  }

  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> check_catalog(const Catalog& c) {
  Checker checker;
  checker.check(c);
  return checker.take();
}

}  // namespace vsk::core
