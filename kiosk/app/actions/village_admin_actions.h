// Running a real village (issue 11), staff admin mode: 居民管理 (find, open, edit, 迁出,
// PINs at the window), 从U盘导入 (the roll from a USB stick) and the staff accounts screen.
// Handled by app/residents_flow.h, app/roll_import_flow.h and app/staff_admin_flow.h; the
// screens open with OpenAdminFeature{"admin.residents"} / {"admin.staff"}; 村务设置
// (app/village_settings_flow.h) with {"admin.settings"}.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

namespace vsk::app {

// ---- 居民管理 ----
struct ResidentsSearchById {};  // the keypad for an ID number
struct ResidentOpen {           // a row of the search results, or a household member
  std::int64_t resident_id = 0;
};
enum class ResidentPinStep { kSet, kReset, kUnlock };
struct ResidentPin {  // 设置密码 / 重置密码 turn the screen to the resident; 解锁 at once
  ResidentPinStep step = ResidentPinStep::kSet;
};
struct ResidentEditPhone {};  // the keypad for a new phone number
enum class ResidentStatusChange { kMovedOut, kDeceased, kActive };
struct ResidentSetStatus {  // 迁出 / 死亡 with a date on the keypad; 恢复 (active) at once
  ResidentStatusChange status = ResidentStatusChange::kMovedOut;
};
struct ResidentPickGrid {};  // the household's 网格: a pick page of the village's grids
struct ResidentPickRelation {};  // 与户主关系: a pick page
struct ResidentPickOption {  // the option tapped on a pick page
  std::size_t index = 0;
};
// 登记新居民: from the search page (a new household or any 户号), or 添加家庭成员 on a card
// (the card's household). The form's fields open the keypad, keyboard or a pick page.
struct ResidentRegisterOpen {
  bool in_open_household = false;
};
enum class RegisterField { kIdNumber, kHousehold, kRelation, kGrid, kPhone };
struct ResidentRegisterEdit {
  RegisterField field = RegisterField::kIdNumber;
};
struct ResidentRegisterSave {};
struct ResidentMove {};  // 迁到别的户 (分户 / 合户): the 户号 on the keypad, then the relation there

// ---- 从U盘导入 ----
struct RollImportOpen {};  // lists the spreadsheets on removable media
struct RollImportPick {    // a file of the list: its dry run
  std::size_t index = 0;
};
struct RollImportSkipBad {};  // toggles: import the good rows, leave the bad ones
struct RollImportCreateGrids {};  // toggles: unknown 网格 are created
struct RollImportConfirm {};  // 确认导入

// ---- 工作人员 (admin only) ----
struct StaffOpen {  // one account of the list
  std::string staff_no;
};
struct StaffNew {};  // 添加工作人员: staff number on the keypad, then name, role (and grid)
struct StaffPickRole {};
struct StaffPickGrid {};
struct StaffAccountPickOption {
  std::size_t index = 0;
};
struct StaffSave {};  // the new account, or the changed role / grid
struct StaffDisable {};
struct StaffResetPin {};

// ---- 村务设置 (admin only) ----
struct SettingsEdit {  // a row: a switch flips at once, a number opens the keypad, a choice its page
  std::size_t index = 0;
};
struct SettingsPickOption {
  std::size_t index = 0;
};

using VillageAdminAction =
    std::variant<ResidentsSearchById, ResidentOpen, ResidentPin, ResidentEditPhone, ResidentSetStatus,
                 ResidentPickGrid, ResidentPickRelation, ResidentPickOption, ResidentRegisterOpen,
                 ResidentRegisterEdit, ResidentRegisterSave, ResidentMove, RollImportOpen,
                 RollImportPick, RollImportSkipBad, RollImportCreateGrids, RollImportConfirm, StaffOpen, StaffNew,
                 StaffPickRole, StaffPickGrid, StaffAccountPickOption, StaffSave, StaffDisable, StaffResetPin,
                 SettingsEdit, SettingsPickOption>;

}  // namespace vsk::app
