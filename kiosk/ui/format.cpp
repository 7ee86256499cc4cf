#include "ui/format.h"


#include "core/date.h"

namespace vsk::ui {

// "11月26日" / "26 Nov": the words come from the translations (date.month.N, date.month_day).
std::string date_words(const UiContext& ui, const std::string& iso_date) {
  const auto d = core::parse_date(iso_date);
  if (!d) return iso_date;
  const std::string month = ui.t("date.month." + std::to_string(d->month));
  return ui.msg(core::Message("date.month_day").arg("month", month).arg("day", std::to_string(d->day)));
}

std::string date_words_with_year(const UiContext& ui, const std::string& iso_date) {
  const auto d = core::parse_date(iso_date);
  if (!d) return iso_date;
  return ui.msg(core::Message("date.year_month_day")
                    .arg("year", std::to_string(d->year))
                    .arg("month", "date.month." + std::to_string(d->month))
                    .arg("day", std::to_string(d->day)));
}

std::string china_time(std::int64_t unix_seconds, const char* strftime_format) {
  return core::format_china_time(unix_seconds, strftime_format);
}

std::string field_value_text(const UiContext& ui, const core::FormField& f, const std::string& value) {
  switch (f.type) {
    case core::FieldType::kChoice:
      for (const auto& c : f.choices)
        if (c.id == value) return ui.local(c.label);
      return value;
    case core::FieldType::kYesNo:
      return value == "true" ? ui.t("form.yes") : ui.t("form.no");
    case core::FieldType::kDate:
      return date_words(ui, value);
    case core::FieldType::kNumber:
      return value + ui.local(f.unit);
    default:
      return value;
  }
}

std::string note_text(const UiContext& ui, const std::string& note) {
  if (ui.tr.has(ui.state.locale, note)) return ui.t(note);
  ui.fonts.require(note);
  return note;
}

std::string service_name(const UiContext& ui, const std::string& service_id) {
  const core::Service* s = ui.catalog.find(service_id);
  return s ? ui.local(s->name) : service_id;
}

}  // namespace vsk::ui
