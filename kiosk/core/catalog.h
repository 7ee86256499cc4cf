// The service catalog (服务目录): which services a resident can request at the kiosk, what
// to bring, who handles it and how fast, and the typed form each request fills in. The
// catalog is data (assets/catalog/services.json, edited by township staff); this header is
// its in-memory shape plus the rules that check one form value and a whole catalog.
// Standard library only: the JSON loader lives in app/catalog_loader.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/message.h"

namespace vsk::core {

// Catalog text in both kiosk languages. Catalog texts are data, not i18n keys, so township
// staff can change a service without touching the translation files.
struct LocalText {
  std::string zh;
  std::string en;
  // "en" -> en (or zh when the English text is missing); any other locale -> zh.
  const std::string& in(const std::string& locale) const;
};

enum class FieldType { kChoice, kNumber, kDate, kPhone, kShortText, kYesNo };

struct Choice {
  std::string id;  // language-independent: stored in the request and used by UI scripts
  LocalText label;
};

enum class DateRule { kAny, kPastOrToday, kTodayOrFuture };

struct FormField {
  std::string id;
  LocalText label;
  FieldType type = FieldType::kShortText;
  bool required = true;
  std::vector<Choice> choices;  // kChoice
  std::int64_t min = 0, max = 0;  // kNumber: whole numbers only (people, mu of land, yuan)
  LocalText unit;                  // kNumber: e.g. 人 / 亩 / 元
  DateRule date_rule = DateRule::kAny;  // kDate
  // kShortText: free text of at most max_length characters (UTF-8 code points, not bytes).
  // There is no on-screen keyboard yet, so residents mostly tap one of the common phrases.
  int max_length = 50;
  std::vector<LocalText> phrases;
};

enum class HandlingLevel { kVillage, kTownship };

struct Service {
  std::string id;
  std::string category;  // Category::id
  LocalText name;
  LocalText summary;  // one or two plain-language sentences
  std::vector<LocalText> materials;
  HandlingLevel level = HandlingLevel::kVillage;
  LocalText department;  // township department when kTownship, or e.g. 村委会
  int promised_days = 5;  // working days
  bool on_behalf = true;  // staff may handle it for the resident (代办)
  bool anonymous_allowed = false;
  bool rewarded = false;  // rewarded report (有奖举报)
  std::vector<FormField> fields;
};

struct Category {
  std::string id;
  LocalText name;
};

struct Catalog {
  int version = 0;
  std::vector<Category> categories;
  std::vector<Service> services;

  const Service* find(const std::string& id) const;
  // In catalog order, which is the order the kiosk lists them.
  std::vector<const Service*> in_category(const std::string& category) const;
};

// Checks one value as the kiosk holds it: a choice id, digits, "YYYY-MM-DD", "true"/"false"
// or text. Surrounding spaces are ignored, so a value of only spaces counts as empty.
// nullopt = fine. Phone numbers: an 11-digit mainland mobile number 1[3-9]xxxxxxxxx, or a
// landline with its area code: "0" + 2-3 digit area code + 7-8 digit number, optionally with
// one '-' after the area code (0571-87654321, 01012345678) — many elderly residents have no
// mobile phone, and their landline must be reachable from outside the town, hence the area code.
// Keys: form.err.required / choice / number / number_range / date / date_future / date_past /
// phone / too_long / yes_no, each with {field} = the label in `locale`.
std::optional<Message> validate_field(const FormField& f, const std::string& value, const Date& today,
                                      const std::string& locale);

struct FieldError {
  std::string field_id;
  Message message;
  bool operator==(const FieldError&) const = default;
};

// Every field of `s` in form order (a missing key is an empty value), then every key the
// service does not have (form.err.unknown_field, {field} = the key), in key order.
std::vector<FieldError> validate_form(const Service& s, const std::map<std::string, std::string>& values,
                                      const Date& today, const std::string& locale);

// Structural problems of a loaded catalog, in English for the staff member who edited it;
// empty when the catalog is fine.
std::vector<std::string> check_catalog(const Catalog& c);

// Number of characters (UTF-8 code points) in `text`; what max_length counts.
std::size_t utf8_length(const std::string& text);

}  // namespace vsk::core
