#include "app/village_admin.h"

#include <type_traits>

namespace vsk::app {
namespace {

template <class T, class... Ts>
constexpr bool is_one_of = (std::is_same_v<T, Ts> || ...);

}  // namespace

bool VillageAdmin::open_admin(const std::string& feature_key) {
  if (feature_key == "admin.residents") {
    residents_.open();
    return true;
  }
  if (feature_key == "admin.staff") {
    staff_.open();
    return true;
  }
  if (feature_key == "admin.settings") {
    settings_.open();
    return true;
  }
  return false;
}

void VillageAdmin::handle(const VillageAdminAction& a) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (is_one_of<T, RollImportOpen, RollImportPick, RollImportSkipBad, RollImportCreateGrids,
                                RollImportConfirm>)
          import_.handle(a);
        else if constexpr (is_one_of<T, StaffOpen, StaffNew, StaffPickRole, StaffPickGrid, StaffAccountPickOption, StaffSave,
                                     StaffDisable, StaffResetPin>)
          staff_.handle(a);
        else if constexpr (is_one_of<T, SettingsEdit, SettingsPickOption>)
          settings_.handle(a);
        else
          residents_.handle(a);
      },
      a);
}

bool VillageAdmin::on_submit() { return residents_.on_submit() || staff_.on_submit() || settings_.on_submit(); }

std::optional<TextField> VillageAdmin::text_field(const std::string& target) const {
  if (auto f = residents_.text_field(target)) return f;
  if (auto f = settings_.text_field(target)) return f;
  return staff_.text_field(target);
}

core::Status VillageAdmin::take_text(const std::string& target, const std::string& value) {
  if (residents_.text_field(target)) return residents_.take_text(target, value);
  if (settings_.text_field(target)) return settings_.take_text(target, value);
  return staff_.take_text(target, value);
}

}  // namespace vsk::app
