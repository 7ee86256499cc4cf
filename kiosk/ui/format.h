// Display formatting shared by screens: dates in words, times, form values as a person reads them.
#pragma once

#include <cstdint>
#include <string>

#include "core/catalog.h"
#include "ui/ui_context.h"

namespace vsk::ui {

// "2026-11-28" -> "11月28日" (zh) / "28 Nov" (en).
std::string date_words(const UiContext& ui, const std::string& iso_date);
// With the year: "2027年1月4日" / "4 Jan 2027" (receipts: a date a resident keeps).
std::string date_words_with_year(const UiContext& ui, const std::string& iso_date);
// Unix time in China time (UTC+8) whatever the PC's time zone: dates and deadlines use the
// same offset. `strftime_format` e.g. "%Y-%m-%d %H:%M".
std::string china_time(std::int64_t unix_seconds, const char* strftime_format);
// Unix time -> "11-23 14:05" in China time.
inline std::string time_text(std::int64_t unix_seconds) { return china_time(unix_seconds, "%m-%d %H:%M"); }
// A stored form value as shown: choice label, 是/否, the date in words, the text itself.
std::string field_value_text(const UiContext& ui, const core::FormField& f, const std::string& value);
// Text for a note that may be a reason key ("reason.reject.duplicate") or free text.
std::string note_text(const UiContext& ui, const std::string& note);
// The catalog name of a service id (or the id itself if the catalog no longer has it).
std::string service_name(const UiContext& ui, const std::string& service_id);

}  // namespace vsk::ui
