#include "core/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace vsk::core;

namespace {

const Date kToday{2026, 3, 15};

FormField field(const std::string& id, FieldType type, const std::string& zh, const std::string& en) {
  FormField f;
  f.id = id;
  f.type = type;
  f.label = {zh, en};
  return f;
}

FormField household_size() {
  FormField f = field("household_size", FieldType::kNumber, "家庭人口", "Household size");
  f.min = 1;
  f.max = 20;
  f.unit = {"人", "people"};
  return f;
}

FormField facility() {
  FormField f = field("facility", FieldType::kChoice, "设施", "Facility");
  f.choices = {{"street_light", {"路灯", "Street light"}}, {"water_pipe", {"水管", "Water pipe"}}};
  return f;
}

FormField dated(DateRule rule) {
  FormField f = field("day", FieldType::kDate, "日期", "Date");
  f.date_rule = rule;
  return f;
}

// The translation key of the error, or "" when the value is accepted.
std::string err(const FormField& f, const std::string& value, const std::string& locale = "zh-CN") {
  const auto m = validate_field(f, value, kToday, locale);
  return m ? m->key : "";
}

Service repair_service() {
  Service s;
  s.id = "facility_repair";
  s.category = "repairs";
  s.name = {"公共设施报修", "Repairs"};
  s.summary = {"路灯坏了在这里报修。", "Report broken lights here."};
  s.department = {"村委会", "Village committee"};
  FormField phone = field("phone", FieldType::kPhone, "联系电话", "Phone");
  phone.required = false;
  s.fields = {facility(), phone};
  return s;
}

Catalog good_catalog() {
  Catalog c;
  c.version = 1;
  c.categories = {{"repairs", {"报修", "Repairs"}}};
  c.services = {repair_service()};
  return c;
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

}  // namespace

TEST(LocalText, EnglishFallsBackToChineseWhenMissing) {
  const LocalText both{"路灯", "Street light"};
  const LocalText zh_only{"路灯", ""};
  EXPECT_EQ(both.in("en"), "Street light");
  EXPECT_EQ(both.in("zh-CN"), "路灯");
  EXPECT_EQ(zh_only.in("en"), "路灯");
}

TEST(ValidateField, RequiredEmptyIsRefusedAndSpacesCountAsEmpty) {
  for (FieldType t : {FieldType::kChoice, FieldType::kNumber, FieldType::kDate, FieldType::kPhone,
                      FieldType::kShortText, FieldType::kYesNo}) {
    const FormField f = field("x", t, "字段", "Field");
    EXPECT_EQ(err(f, ""), "form.err.required");
    EXPECT_EQ(err(f, "   "), "form.err.required");
  }
}

TEST(ValidateField, OptionalEmptyIsAccepted) {
  FormField f = household_size();
  f.required = false;
  EXPECT_EQ(err(f, ""), "");
  EXPECT_EQ(err(f, "abc"), "form.err.number");  // optional does not mean anything goes
}

TEST(ValidateField, ErrorNamesTheFieldInTheResidentsLanguage) {
  const FormField f = household_size();
  EXPECT_EQ(validate_field(f, "", kToday, "zh-CN"), Message("form.err.required").arg("field", "家庭人口"));
  EXPECT_EQ(validate_field(f, "", kToday, "en"), Message("form.err.required").arg("field", "Household size"));
}

TEST(ValidateField, ChoiceAcceptsOnlyKnownIds) {
  const FormField f = facility();
  EXPECT_EQ(err(f, "street_light"), "");
  EXPECT_EQ(err(f, "路灯"), "form.err.choice");  // the label is not the id
  EXPECT_EQ(err(f, "road"), "form.err.choice");
}

TEST(ValidateField, NumberWithinRangeIsAccepted) {
  const FormField f = household_size();
  EXPECT_EQ(err(f, "1"), "");
  EXPECT_EQ(err(f, "20"), "");
  EXPECT_EQ(err(f, "04"), "");
}

TEST(ValidateField, NumberOutOfRangeNamesTheLimits) {
  const FormField f = household_size();
  EXPECT_EQ(validate_field(f, "21", kToday, "en"),
            Message("form.err.number_range").arg("field", "Household size").arg("min", "1").arg("max", "20"));
  EXPECT_EQ(err(f, "0"), "form.err.number_range");
  EXPECT_EQ(err(f, "-3"), "form.err.number_range");
  EXPECT_EQ(err(f, "99999999999999999999999"), "form.err.number_range");  // overflows int64
}

TEST(ValidateField, NumberRefusesNonDigits) {
  const FormField f = household_size();
  for (const char* bad : {"abc", "3.5", "1e2", "+3", "-", "3人", "三", "1 2"})
    EXPECT_EQ(err(f, bad), "form.err.number") << bad;
}

TEST(ValidateField, NegativeRangesWork) {
  FormField f = household_size();
  f.min = -10;
  f.max = -1;
  EXPECT_EQ(err(f, "-5"), "");
  EXPECT_EQ(err(f, "5"), "form.err.number_range");
}

TEST(ValidateField, PastOnlyDateRefusesTomorrow) {
  const FormField f = dated(DateRule::kPastOrToday);
  EXPECT_EQ(err(f, "2026-03-15"), "");
  EXPECT_EQ(err(f, "2020-01-01"), "");
  EXPECT_EQ(err(f, "2026-03-16"), "form.err.date_future");
}

TEST(ValidateField, FutureOnlyDateRefusesYesterday) {
  const FormField f = dated(DateRule::kTodayOrFuture);
  EXPECT_EQ(err(f, "2026-03-15"), "");
  EXPECT_EQ(err(f, "2027-01-01"), "");
  EXPECT_EQ(err(f, "2026-03-14"), "form.err.date_past");
}

TEST(ValidateField, AnyDateAcceptsPastAndFuture) {
  const FormField f = dated(DateRule::kAny);
  EXPECT_EQ(err(f, "1990-06-01"), "");
  EXPECT_EQ(err(f, "2030-06-01"), "");
}

TEST(ValidateField, ImpossibleOrMalformedDatesAreRefused) {
  const FormField f = dated(DateRule::kAny);
  for (const char* bad : {"2026-02-30", "2026-13-01", "2026-3-5", "20260305", "yesterday", "2025-02-29"})
    EXPECT_EQ(err(f, bad), "form.err.date") << bad;
  EXPECT_EQ(err(f, "2024-02-29"), "");  // leap day
}

TEST(ValidateField, MobileNumbersNeedElevenDigitsStartingOneThreeToNine) {
  const FormField f = field("phone", FieldType::kPhone, "联系电话", "Phone");
  EXPECT_EQ(err(f, "13812345678"), "");
  EXPECT_EQ(err(f, "19912345678"), "");
  EXPECT_EQ(err(f, "1381234567"), "form.err.phone");    // 10 digits
  EXPECT_EQ(err(f, "138123456789"), "form.err.phone");  // 12 digits
  EXPECT_EQ(err(f, "12812345678"), "form.err.phone");   // 12x is not a mobile prefix
  EXPECT_EQ(err(f, "1381234567a"), "form.err.phone");
  EXPECT_EQ(err(f, "phone"), "form.err.phone");
  EXPECT_EQ(err(f, "138-1234-5678"), "form.err.phone");
}

TEST(ValidateField, LandlinesNeedTheAreaCode) {
  const FormField f = field("phone", FieldType::kPhone, "联系电话", "Phone");
  EXPECT_EQ(err(f, "0571-87654321"), "");
  EXPECT_EQ(err(f, "010-12345678"), "");
  EXPECT_EQ(err(f, "05718765432"), "");
  EXPECT_EQ(err(f, "87654321"), "form.err.phone");        // no area code
  EXPECT_EQ(err(f, "0571-876543"), "form.err.phone");      // local part too short
  EXPECT_EQ(err(f, "05-87654321"), "form.err.phone");      // area code too short
  EXPECT_EQ(err(f, "0571-8765-4321"), "form.err.phone");   // only one dash
}

TEST(ValidateField, TextLengthCountsCharactersNotBytes) {
  FormField f = field("problem", FieldType::kShortText, "问题", "Problem");
  f.max_length = 9;
  EXPECT_EQ(err(f, "路灯不亮水管漏水了"), "");  // 9 characters, 27 bytes
  EXPECT_EQ(validate_field(f, "路灯不亮水管漏水了啊", kToday, "zh-CN"),  // 10 characters
            Message("form.err.too_long").arg("field", "问题").arg("max", "9"));
  EXPECT_EQ(err(f, "abcdefghi"), "");
  EXPECT_EQ(err(f, "abcdefghij"), "form.err.too_long");
}

TEST(ValidateField, YesNoIsTrueOrFalseOnly) {
  const FormField f = field("consent", FieldType::kYesNo, "同意核实", "Consent");
  EXPECT_EQ(err(f, "true"), "");
  EXPECT_EQ(err(f, "false"), "");
  for (const char* bad : {"yes", "是", "1", "TRUE"}) EXPECT_EQ(err(f, bad), "form.err.yes_no") << bad;
}

TEST(Utf8Length, CountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("路灯"), 2u);
  EXPECT_EQ(utf8_length("a路😀"), 3u);
}

TEST(ValidateForm, ACompleteFormHasNoErrors) {
  const Service s = repair_service();
  EXPECT_TRUE(validate_form(s, {{"facility", "water_pipe"}, {"phone", "13812345678"}}, kToday, "zh-CN").empty());
  EXPECT_TRUE(validate_form(s, {{"facility", "water_pipe"}}, kToday, "zh-CN").empty());  // phone is optional
}

TEST(ValidateForm, MissingRequiredKeyIsTreatedAsEmpty) {
  const auto errors = validate_form(repair_service(), {}, kToday, "en");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field_id, "facility");
  EXPECT_EQ(errors[0].message, Message("form.err.required").arg("field", "Facility"));
}

TEST(ValidateForm, UnknownFieldIsAnError) {
  const auto errors =
      validate_form(repair_service(), {{"facility", "street_light"}, {"colour", "red"}}, kToday, "zh-CN");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field_id, "colour");
  EXPECT_EQ(errors[0].message, Message("form.err.unknown_field").arg("field", "colour"));
}

TEST(ValidateForm, ReportsEveryBadFieldInFormOrder) {
  const auto errors = validate_form(repair_service(), {{"facility", "tree"}, {"phone", "123"}}, kToday, "zh-CN");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field_id, "facility");
  EXPECT_EQ(errors[0].message.key, "form.err.choice");
  EXPECT_EQ(errors[1].field_id, "phone");
  EXPECT_EQ(errors[1].message.key, "form.err.phone");
}

TEST(Catalog, FindsServicesByIdAndCategory) {
  Catalog c = good_catalog();
  Service other = repair_service();
  other.id = "other_repair";
  c.services.push_back(other);
  ASSERT_NE(c.find("other_repair"), nullptr);
  EXPECT_EQ(c.find("other_repair")->id, "other_repair");
  EXPECT_EQ(c.find("nothing"), nullptr);
  const auto repairs = c.in_category("repairs");
  ASSERT_EQ(repairs.size(), 2u);
  EXPECT_EQ(repairs[0]->id, "facility_repair");
  EXPECT_TRUE(c.in_category("nothing").empty());
}

TEST(CheckCatalog, AWellFormedCatalogHasNoProblems) {
  EXPECT_EQ(check_catalog(good_catalog()), std::vector<std::string>{});
}

TEST(CheckCatalog, CatchesDuplicateServiceIds) {
  Catalog c = good_catalog();
  c.services.push_back(repair_service());
  EXPECT_TRUE(mentions(check_catalog(c), "duplicate id 'facility_repair'"));
}

TEST(CheckCatalog, CatchesDuplicateCategoryAndFieldIds) {
  Catalog c = good_catalog();
  c.categories.push_back(c.categories[0]);
  c.services[0].fields.push_back(facility());
  const auto problems = check_catalog(c);
  EXPECT_TRUE(mentions(problems, "categories: duplicate id 'repairs'"));
  EXPECT_TRUE(mentions(problems, "fields: duplicate id 'facility'"));
}

TEST(CheckCatalog, CatchesAServiceInAnUnknownCategory) {
  Catalog c = good_catalog();
  c.services[0].category = "repair";
  EXPECT_TRUE(mentions(check_catalog(c), "unknown category 'repair'"));
}

TEST(CheckCatalog, CatchesAChoiceFieldWithOneChoice) {
  Catalog c = good_catalog();
  c.services[0].fields[0].choices.resize(1);
  EXPECT_TRUE(mentions(check_catalog(c), "needs at least 2 choices (has 1)"));
}

TEST(CheckCatalog, CatchesMinAboveMaxAndZeroPromisedDays) {
  Catalog c = good_catalog();
  FormField n = household_size();
  n.min = 5;
  n.max = 1;
  c.services[0].fields.push_back(n);
  c.services[0].promised_days = 0;
  const auto problems = check_catalog(c);
  EXPECT_TRUE(mentions(problems, "min 5 is greater than max 1"));
  EXPECT_TRUE(mentions(problems, "promised_days must be 1 or more"));
}

TEST(CheckCatalog, CatchesMissingEnglishAndMissingChinese) {
  Catalog c = good_catalog();
  c.services[0].name.en.clear();
  c.categories[0].name.zh.clear();
  const auto problems = check_catalog(c);
  EXPECT_TRUE(mentions(problems, "service 'facility_repair' name: English text is missing"));
  EXPECT_TRUE(mentions(problems, "category 'repairs' name: Chinese text is missing"));
}

TEST(CheckCatalog, CatchesAPhraseLongerThanTheFieldAllows) {
  Catalog c = good_catalog();
  FormField t = field("problem", FieldType::kShortText, "问题", "Problem");
  t.max_length = 4;
  t.phrases = {{"路灯不亮", "Out"}, {"水管漏水了", "Leak"}};
  c.services[0].fields.push_back(t);
  const auto problems = check_catalog(c);
  EXPECT_TRUE(mentions(problems, "phrase '水管漏水了' is longer than max_length 4"));
  EXPECT_FALSE(mentions(problems, "phrase '路灯不亮'"));
}

TEST(CheckCatalog, CatchesBadIdsEmptyCategoriesAndVersionZero) {
  Catalog c = good_catalog();
  c.version = 0;
  c.services[0].fields[0].id = "Facility Type";
  c.categories.push_back({"empty", {"空", "Empty"}});
  const auto problems = check_catalog(c);
  EXPECT_TRUE(mentions(problems, "version must be 1 or more"));
  EXPECT_TRUE(mentions(problems, "id 'Facility Type' must be"));
  EXPECT_TRUE(mentions(problems, "category 'empty' has no services"));
}
