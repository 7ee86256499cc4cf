// Day-one settings of a village (issue 11 §5): the settings that were only database rows or
// kioskctl flags, each with its range, checked the same way on screen (村务设置, admin only)
// and by `kioskctl settings`. Every change is audited (old and new value: none of them is
// personal data). Some are read once at start (idle times, dpi, printer mode): the screen
// says 重启后生效 for those.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/acting_staff.h"
#include "core/result.h"
#include "store/kiosk_store.h"

namespace vsk::app {

enum class SettingKind { kNumber, kSwitch, kChoice, kText };

struct SettingSpec {
  const char* key;        // the settings row, e.g. "points.notice_days"
  const char* label_key;  // translation key of its name on screen
  SettingKind kind;
  std::int64_t min = 0, max = 0;  // kNumber: inclusive range; kText: length in characters
  const char* fallback = "";      // the value when the row is missing
  const char* unit_key = "";      // kNumber: "settings.unit.days"...
  std::vector<std::string> choices = {};  // kChoice: the values; their words are label_key + "." + value
  bool on_restart = false;        // read at start: takes effect when the kiosk starts again
};

// Every editable setting, in the order the screen lists them.
const std::vector<SettingSpec>& village_settings();
const SettingSpec* find_setting(const std::string& key);

// The value now in force ("" never: the fallback when unset).
std::string setting_value(store::KioskStore& store, const SettingSpec& spec);

// Checks `value` against the spec (a number in range, 0/1, one of the choices, text of the
// allowed length) and stores it with an audit entry "setting.change" (target: the key,
// detail: old -> new). Unchanged values write nothing. Errors are translation keys with
// the range as arguments.
core::Status change_setting(store::KioskStore& store, const std::string& key, const std::string& value,
                            const ActingStaff& who, std::int64_t now_unix);

}  // namespace vsk::app
