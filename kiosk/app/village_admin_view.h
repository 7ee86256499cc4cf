// What the village admin screens draw (issue 11): 居民管理, 从U盘导入, 工作人员. Part of
// ViewState; personal data here is already masked (ID and phone numbers never whole).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/message.h"

namespace vsk::app {

struct ResidentRowView {
  std::int64_t id = 0;
  std::string name;
  std::string masked_id;
  std::string gender;      // "M" / "F"
  std::string birth_date;  // YYYY-MM-DD
  std::string relation;
  bool is_head = false;
  std::string household_no;
  std::string address;
  std::string grid;
  std::string status = "active";  // active / moved_out / deceased
  std::string status_date;
  std::string masked_phone;  // 138****5678; empty: none
  bool has_pin = false;
  bool locked = false;  // too many wrong PINs, until unlocked or the lock runs out
};

// A choice page (grid, relation, role): the options and which field it fills.
struct VillagePickView {
  std::string title_key;
  std::vector<std::pair<std::string, std::string>> options;  // value -> label (labels may be keys)
  bool labels_are_keys = false;
};

// 登记新居民: the form as typed so far (the ID and phone numbers masked; the flow keeps them).
struct ResidentRegisterView {
  std::string masked_id;
  std::string name;
  std::string household_no;
  std::string household_head;  // the existing household's 户主; empty: a new household
  bool household_exists = false;
  std::string relation;
  std::string grid;  // a new household's 网格
  std::string masked_phone;
};

struct ResidentsView {
  std::string query;  // what was searched, as typed (ID numbers masked)
  bool searched = false;
  std::vector<ResidentRowView> results;
  ResidentRowView open;                   // the resident on the card
  std::vector<ResidentRowView> household;  // everyone in the open resident's household
  bool may_edit = false;                  // admin / clerk; grid workers read their grid only
  std::string grid_only;                  // grid workers: the grid they see
  // What the keypad page is filling in: "id" (search), "phone", "status_date", "pin"; the
  // form's "reg_id" / "reg_household" / "reg_phone"; "move_household".
  std::string entry_for;
  std::string pending_status;  // status_date: the status the date is for
  std::string pick_for;        // "grid" / "relation"; "reg_relation" / "reg_grid"; "move_relation"
  VillagePickView pick;
  ResidentRegisterView reg;
  std::string move_to;  // 迁到别的户: the 户号 typed, while its relation is picked
};

struct RollImportView {
  std::vector<std::string> folders;  // searched (removable media, the configured folder)
  std::vector<std::string> files;    // spreadsheets found, as paths
  std::string file;                  // the one picked: its dry run is on screen
  bool dry_run_done = false;
  bool usable = false;  // a header with every required column was found
  int rows = 0, new_residents = 0, changed = 0, unchanged = 0, errors = 0, warnings = 0;
  int new_households = 0, new_grids = 0, missing = 0;
  struct Problem {
    int row = 0;
    std::string column;
    bool warning = false;
    core::Message reason;
  };
  std::vector<Problem> first_problems;  // the first few, big; the full list is in the report
  std::string report_file;              // written beside the roll, on the stick; empty: none
  bool report_failed = false;           // the stick is read-only or full
  bool skip_bad = false;
  bool create_grids = false;
  bool may_import = false;  // the dry run says the import would go through
  bool imported = false;
};

struct StaffRowView {
  std::string staff_no;
  std::string name;
  std::string role;  // admin / clerk / grid_worker / volunteer
  std::string grid;
  bool active = true;
  bool pin_pending = false;  // chooses a PIN at the next login (new or reset)
};

struct StaffAccountsView {
  std::vector<StaffRowView> rows;
  StaffRowView open;     // the account on screen; staff_no empty while a new one is being made
  bool is_new = false;   // the form for a new account
  std::string entry_for;  // keypad: "staff_no"
  std::string pick_for;   // "role" / "grid"
  VillagePickView pick;
};

// 村务设置 (admin only, app/village_settings.h): one row per setting as it is now.
struct SettingRowView {
  std::string key;        // the setting, e.g. "points.notice_days"
  std::string label_key;  // its name
  std::string value;      // numbers and texts as stored
  std::string value_key;  // switches and choices: the words of the value instead
  std::string unit_key;   // numbers: "settings.unit.days"...
  std::int64_t min = 0, max = 0;
  bool is_text = false;    // opens the keyboard (OpenTextEntry{"settings." + key})
  bool on_restart = false; // read at start: 重启后生效
};

struct VillageSettingsView {
  std::vector<SettingRowView> rows;
  std::size_t editing = 0;  // the row on the keypad or the pick page
  VillagePickView pick;
};

}  // namespace vsk::app
