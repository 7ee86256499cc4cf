// QR codes for receipts: the pickup code and a link a resident can scan to follow a request.
#pragma once

#include <string>
#include <vector>

namespace vsk::platform {

// A square of modules, row-major, without the quiet zone (callers add their own margin).
struct QrMatrix {
  int size = 0;
  std::vector<unsigned char> modules;  // 1 = dark, 0 = light
  bool dark(int x, int y) const { return modules[y * size + x] != 0; }
};

// Encodes UTF-8/ASCII text with libqrencode (QR_ECLEVEL_M, auto version, 8-bit mode).
// Throws std::runtime_error on failure (empty text, text too long for version 40).
QrMatrix encode_qr(const std::string& text);

}  // namespace vsk::platform
