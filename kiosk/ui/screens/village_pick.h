// A page of choices (a grid, a relation, a role) for the village admin screens: one big
// button per option, two columns, the chosen option's action made by the caller.
#pragma once

#include <cstddef>
#include <functional>

#include "app/village_admin_view.h"
#include "ui/ui_context.h"

namespace vsk::ui::screens {

void village_pick_page(UiContext& ui, const app::VillagePickView& pick,
                       const std::function<app::Action(std::size_t)>& action_for);

}  // namespace vsk::ui::screens
