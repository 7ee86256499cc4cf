// Text files from village PCs: UTF-8 (with or without the BOM Excel writes) or GB18030/GBK
// (what Chinese Excel writes for "CSV"), told apart without asking the clerk.
#pragma once

#include <string>
#include <string_view>

namespace vsk::residents {

enum class TextEncoding { kUtf8, kUtf8Bom, kGb18030 };

bool valid_utf8(std::string_view s);

// BOM -> UTF-8 with BOM; valid UTF-8 -> UTF-8; else GB18030 (a superset of GBK and GB2312).
TextEncoding detect_encoding(std::string_view bytes);

// The text as UTF-8 without a BOM. Throws SheetError when GB18030 decoding fails too.
std::string to_utf8(std::string_view bytes, TextEncoding* detected = nullptr);

}  // namespace vsk::residents
