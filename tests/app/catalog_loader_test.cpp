#include "app/catalog_loader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <stdexcept>

#include "support/temp_dir.h"

using vsk::app::load_catalog;
using vsk::app::parse_catalog;
using namespace vsk::core;

namespace {

const std::string kRealCatalog = std::string(VSK_SOURCE_DIR) + "/assets/catalog/services.json";

// A small valid catalog; tests break one piece of it at a time.
const std::string kMinimal = R"({
  "version": 1,
  "categories": [ { "id": "repairs", "zh": "报修", "en": "Repairs" } ],
  "services": [ {
    "id": "facility_repair", "category": "repairs",
    "name": { "zh": "公共设施报修", "en": "Repairs" },
    "summary": { "zh": "路灯坏了在这里报修。", "en": "Report broken lights here." },
    "level": "village", "department": { "zh": "村委会", "en": "Village committee" },
    "promised_days": 3,
    "fields": [
      { "id": "facility", "type": "choice", "label": { "zh": "设施", "en": "Facility" },
        "choices": [ { "id": "street_light", "zh": "路灯", "en": "Street light" },
                     { "id": "water_pipe", "zh": "水管", "en": "Water pipe" } ] },
      { "id": "phone", "type": "phone", "label": { "zh": "联系电话", "en": "Phone" }, "required": false }
    ]
  } ]
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("test bug: '" + from + "' not in the fixture");
  return text.replace(at, from.size(), to);
}

// The message of the runtime_error `fn` throws, or "" if it does not throw.
template <typename Fn>
std::string error_of(Fn fn) {
  try {
    fn();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

std::string parse_error(const std::string& text) {
  return error_of([&] { parse_catalog(text); });
}

}  // namespace

TEST(CatalogLoader, TheRealCatalogLoadsWithAtLeastThirteenServices) {
  const Catalog c = load_catalog(kRealCatalog);
  EXPECT_EQ(c.version, 1);
  EXPECT_GE(c.services.size(), 13u);
  EXPECT_GE(c.categories.size(), 5u);
}

TEST(CatalogLoader, TheRealCatalogUsesEveryFieldType) {
  std::set<FieldType> used;
  for (const Service& s : load_catalog(kRealCatalog).services)
    for (const FormField& f : s.fields) used.insert(f.type);
  for (FieldType t : {FieldType::kChoice, FieldType::kNumber, FieldType::kDate, FieldType::kPhone,
                      FieldType::kShortText, FieldType::kYesNo})
    EXPECT_TRUE(used.count(t)) << "field type " << static_cast<int>(t) << " unused";
}

TEST(CatalogLoader, TheRealCatalogHasAnAnonymousRewardedReportAndTownshipServices) {
  const Catalog c = load_catalog(kRealCatalog);
  int anonymous_rewarded = 0, township = 0;
  for (const Service& s : c.services) {
    anonymous_rewarded += s.anonymous_allowed && s.rewarded;
    township += s.level == HandlingLevel::kTownship;
  }
  EXPECT_GE(anonymous_rewarded, 1);
  EXPECT_GE(township, 1);
  ASSERT_NE(c.find("suggestion"), nullptr);
  EXPECT_TRUE(c.find("suggestion")->anonymous_allowed);
  EXPECT_FALSE(c.find("suggestion")->rewarded);
}

TEST(CatalogLoader, TheRealCatalogKeepsEveryServiceFormShort) {
  for (const Service& s : load_catalog(kRealCatalog).services) {
    EXPECT_GE(s.fields.size(), 2u) << s.id;
    EXPECT_LE(s.fields.size(), 5u) << s.id;
  }
}

TEST(CatalogLoader, ReadsEveryPartOfAService) {
  const Catalog c = parse_catalog(kMinimal);
  ASSERT_EQ(c.services.size(), 1u);
  const Service& s = c.services[0];
  EXPECT_EQ(s.name.zh, "公共设施报修");
  EXPECT_EQ(s.level, HandlingLevel::kVillage);
  EXPECT_EQ(s.promised_days, 3);
  EXPECT_TRUE(s.on_behalf);            // default
  EXPECT_FALSE(s.anonymous_allowed);   // default
  ASSERT_EQ(s.fields.size(), 2u);
  EXPECT_EQ(s.fields[0].type, FieldType::kChoice);
  EXPECT_TRUE(s.fields[0].required);   // default
  EXPECT_EQ(s.fields[0].choices[1].label.en, "Water pipe");
  EXPECT_FALSE(s.fields[1].required);
}

TEST(CatalogLoader, ReadsTypeSpecificFieldKeys) {
  const std::string phone =
      R"({ "id": "phone", "type": "phone", "label": { "zh": "联系电话", "en": "Phone" }, "required": false })";
  const std::string four_fields = R"(
      { "id": "size", "type": "number", "label": { "zh": "人数", "en": "People" },
        "min": 1, "max": 20, "unit": { "zh": "人", "en": "people" } },
      { "id": "day", "type": "date", "label": { "zh": "日期", "en": "Date" }, "date_rule": "past_or_today" },
      { "id": "what", "type": "text", "label": { "zh": "问题", "en": "Problem" },
        "max_length": 9, "phrases": [ { "zh": "路灯不亮", "en": "Light out" } ] },
      { "id": "ok", "type": "yes_no", "label": { "zh": "同意", "en": "Agree" } })";
  const std::string text = replaced(kMinimal, phone, four_fields);
  const Service& s = parse_catalog(text).services[0];
  ASSERT_EQ(s.fields.size(), 5u);
  EXPECT_EQ(s.fields[1].max, 20);
  EXPECT_EQ(s.fields[1].unit.zh, "人");
  EXPECT_EQ(s.fields[2].date_rule, DateRule::kPastOrToday);
  EXPECT_EQ(s.fields[3].max_length, 9);
  EXPECT_EQ(s.fields[3].phrases.at(0).en, "Light out");
  EXPECT_EQ(s.fields[4].type, FieldType::kYesNo);
}

TEST(CatalogLoader, AnUnknownFieldTypeNamesItsPath) {
  const std::string text = replaced(kMinimal, R"("type": "phone")", R"("type": "dropdown")");
  EXPECT_NE(parse_error(text).find("services[0].fields[1].type: unknown type 'dropdown'"), std::string::npos)
      << parse_error(text);
}

TEST(CatalogLoader, MalformedJsonNamesTheFileAndLine) {
  vsk::test_support::TempDir dir;
  const std::string path = dir.file("services.json");
  std::ofstream(path) << replaced(kMinimal, R"("promised_days": 3,)", R"("promised_days": 3,,)");
  const std::string e = error_of([&] { load_catalog(path); });
  EXPECT_NE(e.find(path + ": invalid JSON"), std::string::npos) << e;
  EXPECT_NE(e.find("line 9"), std::string::npos) << e;
}

TEST(CatalogLoader, AMissingFileNamesTheFile) {
  const std::string e = error_of([] { load_catalog("/nonexistent/services.json"); });
  EXPECT_NE(e.find("/nonexistent/services.json"), std::string::npos) << e;
}

TEST(CatalogLoader, AMisspeltKeyIsRefusedNotIgnored) {
  const std::string text = replaced(kMinimal, R"("promised_days": 3)", R"("promise_days": 3)");
  EXPECT_NE(parse_error(text).find("services[0].promise_days: unknown key"), std::string::npos) << parse_error(text);
}

TEST(CatalogLoader, AKeyThatDoesNotBelongToTheFieldTypeIsRefused) {
  const std::string text = replaced(kMinimal, R"("required": false)", R"("required": false, "max": 3)");
  EXPECT_NE(parse_error(text).find("services[0].fields[1].max: unknown key"), std::string::npos) << parse_error(text);
}

TEST(CatalogLoader, WrongValueTypesNameTheirPath) {
  EXPECT_NE(parse_error(replaced(kMinimal, R"("promised_days": 3)", R"("promised_days": "3")"))
                .find("services[0].promised_days: expected a whole number"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimal, R"("required": false)", R"("required": "no")"))
                .find("services[0].fields[1].required: expected true or false"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimal, R"("level": "village")", R"("level": "county")"))
                .find("services[0].level: unknown level 'county'"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimal, R"("en": "Water pipe")", R"("en": 7)"))
                .find("services[0].fields[0].choices[1].en: expected text"),
            std::string::npos);
}

TEST(CatalogLoader, AMissingKeyNamesItsPath) {
  const std::string text = replaced(kMinimal, R"("category": "repairs",)", "");
  EXPECT_NE(parse_error(text).find("services[0].category: missing"), std::string::npos) << parse_error(text);
}

TEST(CatalogLoader, ADuplicateKeyIsRefused) {
  const std::string text = replaced(kMinimal, R"("promised_days": 3)", R"("promised_days": 3, "promised_days": 30)");
  EXPECT_NE(parse_error(text).find("duplicate key 'promised_days'"), std::string::npos) << parse_error(text);
}

TEST(CatalogLoader, StructuralProblemsFromCheckCatalogAreErrors) {
  const std::string text = replaced(kMinimal, R"("category": "repairs")", R"("category": "repair")");
  EXPECT_NE(parse_error(text).find("unknown category 'repair'"), std::string::npos) << parse_error(text);
}
