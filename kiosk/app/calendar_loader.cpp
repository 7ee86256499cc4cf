#include "app/calendar_loader.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace vsk::app {
namespace {

using nlohmann::json;

struct Lists {
  std::set<std::int64_t> holidays, extra_workdays;  // as core::to_days()
};

json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read calendar file " + path);
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw std::runtime_error("bad JSON in calendar file " + path + ": " + e.what());
  }
}

// `where` is the entry's address in the file, e.g. years.2026.holidays[3], for the error message.
core::Date parse_entry(const json& v, const std::string& path, const std::string& where) {
  const std::optional<core::Date> d = v.is_string() ? core::parse_date(v.get<std::string>()) : std::nullopt;
  if (!d) throw std::runtime_error(path + ": " + where + ": not a date YYYY-MM-DD: " + v.dump());
  return *d;
}

// Reads years.<year>.<key> (absent = empty) into `out`.
void read_list(const json& year, const std::string& key, const std::string& path, const std::string& where,
               std::set<std::int64_t>& out) {
  if (!year.contains(key)) return;
  const json& list = year.at(key);
  if (!list.is_array()) throw std::runtime_error(path + ": " + where + "." + key + " must be a list of dates");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = where + "." + key + "[" + std::to_string(i) + "]";
    out.insert(core::to_days(parse_entry(list[i], path, at)));
  }
}

// Catches data-entry slips that the calendar itself would silently accept.
void check_consistent(const Lists& l, const std::string& path) {
  for (std::int64_t day : l.extra_workdays) {
    const core::Date d = core::from_days(day);
    if (core::weekday(d) < 5) {
      throw std::runtime_error(path + ": extra workday " + core::format_date(d) + " is not a Saturday or Sunday");
    }
    if (l.holidays.contains(day)) {
      throw std::runtime_error(path + ": " + core::format_date(d) + " is listed both as holiday and as extra workday");
    }
  }
}

Lists read_lists(const json& root, const std::string& path) {
  if (!root.is_object() || !root.contains("years") || !root.at("years").is_object()) {
    throw std::runtime_error(path + ": expected an object with \"years\": { \"YYYY\": {...} }");
  }
  Lists l;
  for (const auto& [year, body] : root.at("years").items()) {
    const std::string where = "years." + year;
    if (!body.is_object()) throw std::runtime_error(path + ": " + where + " must be an object");
    read_list(body, "holidays", path, where, l.holidays);
    read_list(body, "extra_workdays", path, where, l.extra_workdays);
  }
  return l;
}

}  // namespace

core::WorkingCalendar load_working_calendar(const std::string& path) {
  const Lists l = read_lists(read_json(path), path);
  check_consistent(l, path);
  core::WorkingCalendar cal;
  for (std::int64_t d : l.holidays) cal.add_holiday(core::from_days(d));
  for (std::int64_t d : l.extra_workdays) cal.add_extra_workday(core::from_days(d));
  return cal;
}

}  // namespace vsk::app
