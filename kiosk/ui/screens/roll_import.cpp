// 从U盘导入 (issue 11): the spreadsheets found on the stick, then the dry run of the one tapped
// (counts, the first problems in big text, where the full report went) and 确认导入.
#include <filesystem>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace vsk::ui::screens {
namespace {

void line(UiContext& ui, const std::string& text, ImFont* font, ImU32 color, float wrap) {
  ImGui::SetCursorPosX(ui.em() * 2);
  label(ui, text, font, color, wrap);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

void file_list(UiContext& ui, const app::RollImportView& v, float width) {
  const float em = ui.em();
  line(ui, ui.msg(core::Message("import.looked_in").arg("folders", joined(v.folders))), ui.fonts.body(), theme::kTextMuted,
       width);
  if (v.files.empty()) {
    line(ui, ui.t("import.no_files"), ui.fonts.title(), theme::kText, width);
    return;
  }
  const float bottom = ImGui::GetWindowHeight() - em * 4.4f;
  for (std::size_t i = 0; i < v.files.size(); ++i) {
    if (ImGui::GetCursorPosY() + em * 3.2f > bottom) break;
    const std::filesystem::path p(v.files[i]);
    ImGui::SetCursorPosX(em * 2);
    if (row_button(ui, "import.file." + std::to_string(i), p.filename().string(), p.parent_path().string(), width,
                   theme::kKeyButton, theme::kText))
      ui.emit(app::RollImportPick{i});
    ImGui::Dummy(ImVec2(0, em * 0.2f));
  }
}

void dry_run(UiContext& ui, const app::RollImportView& v, float width) {
  const float em = ui.em();
  line(ui, std::filesystem::path(v.file).filename().string(), ui.fonts.body(), theme::kTextMuted, width);
  if (!v.dry_run_done) return;
  if (!v.usable) {
    line(ui, ui.t("import.not_a_roll"), ui.fonts.title(), theme::kError, width);
  } else {
    line(ui,
         ui.msg(core::Message(v.imported ? "import.counts_done" : "import.counts")
                    .arg("rows", std::to_string(v.rows))
                    .arg("new", std::to_string(v.new_residents))
                    .arg("changed", std::to_string(v.changed))
                    .arg("unchanged", std::to_string(v.unchanged))),
         ui.fonts.title(), theme::kText, width);
    line(ui,
         ui.msg(core::Message("import.more_counts")
                    .arg("errors", std::to_string(v.errors))
                    .arg("warnings", std::to_string(v.warnings))
                    .arg("households", std::to_string(v.new_households))
                    .arg("grids", std::to_string(v.new_grids))),
         ui.fonts.body(), v.errors ? theme::kError : theme::kText, width);
    if (v.missing > 0)
      line(ui, ui.msg(core::Message("import.missing").arg("n", std::to_string(v.missing))), ui.fonts.body(),
           theme::kTextMuted, width);
  }
  // The first problems, big enough to read from the counter; the rest are in the report.
  for (const auto& p : v.first_problems) {
    const std::string where = p.row == 0 ? "" : ui.msg(core::Message("import.where").arg("row", std::to_string(p.row)).arg("column", p.column));
    line(ui, (p.warning ? ui.t("import.warning") : "") + where + ui.msg(p.reason), ui.fonts.body(),
         p.warning ? theme::kTextMuted : theme::kError, width);
  }
  if (!v.report_file.empty())
    line(ui, ui.msg(core::Message("import.report_saved").arg("file", std::filesystem::path(v.report_file).filename().string())),
         ui.fonts.body(), theme::kTextMuted, width);
  if (v.report_failed) line(ui, ui.t("import.report_failed"), ui.fonts.body(), theme::kError, width);
  ImGui::Dummy(ImVec2(0, em * 0.3f));
}

}  // namespace

void roll_import(UiContext& ui) {
  const float em = ui.em();
  const app::RollImportView& v = ui.state.roll_import;
  header(ui);
  ImGui::SetCursorPosX(em * 2);
  label(ui, ui.t("import.title"), ui.fonts.title(), theme::kText);
  const float width = ImGui::GetWindowWidth() - em * 4;
  if (v.file.empty())
    file_list(ui, v, width);
  else
    dry_run(ui, v, width);
  message_line(ui, width);

  // The choices and 确认导入 along the footer, beside 返回.
  if (!v.file.empty() && v.dry_run_done && !v.imported) {
    const float y = ImGui::GetWindowHeight() - em * 3.6f;
    const ImVec2 size(em * 9, em * 2.6f);
    float x = em * 10;
    const auto toggle = [&](const char* id, const char* key, bool on, app::Action a) {
      ImGui::SetCursorPos(ImVec2(x, y));
      if (big_button(ui, id, ui.msg(core::Message(key).arg("state", on ? "import.on" : "import.off")), size,
                     {on ? theme::kTileRequests : theme::kKeyButton, on ? theme::kOnColor : theme::kText, ui.fonts.body(),
                      theme::kKeyBorder}))
        ui.emit(std::move(a));
      x += size.x + em * 0.5f;
    };
    toggle("import.skip_bad", "import.skip_bad", v.skip_bad, app::RollImportSkipBad{});
    toggle("import.create_grids", "import.create_grids", v.create_grids, app::RollImportCreateGrids{});
    if (v.may_import) {
      ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - em * 2 - size.x, y));
      if (big_button(ui, "import.confirm", ui.t("import.confirm"), size, {theme::kConfirm, theme::kOnColor}))
        ui.emit(app::RollImportConfirm{});
    }
  }
  if (footer_button(ui, "back", ui.t("nav.back"), em)) ui.emit(app::Back{});
}

}  // namespace vsk::ui::screens
