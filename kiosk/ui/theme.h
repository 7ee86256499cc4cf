// Colours and ImGui style for a public kiosk: high contrast, big rounded targets.
#pragma once

#include <imgui.h>

namespace vsk::ui::theme {

// Dark text on light backgrounds and white on saturated tiles, each pair >= 4.5:1 contrast.
inline constexpr ImU32 kBackground = IM_COL32(246, 243, 238, 255);
inline constexpr ImU32 kHeader = IM_COL32(176, 30, 35, 255);      // party red
inline constexpr ImU32 kText = IM_COL32(33, 33, 33, 255);
inline constexpr ImU32 kTextMuted = IM_COL32(84, 84, 84, 255);
inline constexpr ImU32 kOnColor = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kError = IM_COL32(176, 0, 32, 255);
inline constexpr ImU32 kTileRequests = IM_COL32(21, 101, 192, 255);  // blue
inline constexpr ImU32 kTileTrack = IM_COL32(0, 121, 107, 255);      // teal
inline constexpr ImU32 kTilePoints = IM_COL32(191, 54, 12, 255);     // deep orange
inline constexpr ImU32 kTileNotices = IM_COL32(46, 125, 50, 255);    // green
inline constexpr ImU32 kNeutralButton = IM_COL32(69, 90, 100, 255);  // blue grey
inline constexpr ImU32 kKeyButton = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kKeyBorder = IM_COL32(120, 120, 120, 255);
inline constexpr ImU32 kConfirm = IM_COL32(46, 125, 50, 255);

inline constexpr ImU32 kHelpButton = IM_COL32(255, 193, 7, 255);   // amber: call staff
inline constexpr ImU32 kHelpBand = IM_COL32(255, 236, 179, 255);     // the "staff called" band
inline constexpr ImU32 kCandidate = IM_COL32(255, 248, 225, 255);    // pinyin candidate buttons

// Every text/background pair the UI draws, normal and large mode alike (large mode changes
// sizes, not colours). tests/ui/theme_contrast_test.cpp checks each is >= 4.5:1.
struct ColorPair {
  const char* what;
  ImU32 text;
  ImU32 background;
  bool button = true;  // drawn as a button: its pressed (darker) fill must pass too
};
inline constexpr ColorPair kTextPairs[] = {
    {"body text", kText, kBackground, false},
    {"muted text", kTextMuted, kBackground, false},
    {"error", kError, kBackground, false},
    {"success", kConfirm, kBackground, false},
    {"header", kOnColor, kHeader, false},
    {"tile requests", kOnColor, kTileRequests},
    {"tile track", kOnColor, kTileTrack},
    {"tile points", kOnColor, kTilePoints},
    {"tile notices", kOnColor, kTileNotices},
    {"neutral button", kOnColor, kNeutralButton},
    {"key", kText, kKeyButton},
    {"confirm button", kOnColor, kConfirm},
    {"call staff", kText, kHelpButton},
    {"staff called band", kText, kHelpBand, false},
    {"candidate", kText, kCandidate},
    {"large-mode toggle on", kHeader, kOnColor},
    {"selected option", kOnColor, kTileRequests},
};

void apply_style(float em);

// Darker variant of a colour while pressed, so a touch is seen.
ImU32 pressed(ImU32 c);

}  // namespace vsk::ui::theme
