// Loads the public-holiday arrangement (assets/calendar/cn-holidays.json) into a WorkingCalendar.
#pragma once

#include <string>

#include "core/working_calendar.h"

namespace vsk::app {

// File format:
//   { "source": "...", "years": { "2026": { "holidays": ["2026-01-01", ...],
//                                           "extra_workdays": ["2026-01-04", ...] } } }
// Both lists are optional per year; other keys (such as "notice") are ignored.
// Throws std::runtime_error naming the file and the bad entry when the file cannot be read,
// is not valid JSON, holds a malformed date, an extra workday that is not a Saturday or Sunday
// (a typo: it would change nothing), or a date listed both as holiday and as extra workday.
core::WorkingCalendar load_working_calendar(const std::string& path);

}  // namespace vsk::app
