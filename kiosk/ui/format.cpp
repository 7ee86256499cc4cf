#include "ui/format.h"


#include "core/date.h"

namespace vsk::ui {

std::string date_words(const UiContext& ui, const std::string& iso_date) {
  const auto d = core::parse_date(iso_date);
  if (!d) return iso_date;
  if (ui.state.locale == "en") {
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return std::to_string(d->day) + " " + kMonths[d->month - 1];
  }
  return std::to_string(d->month) + "月" + std::to_string(d->day) + "日";
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
