// The public status page behind the receipt QR (see status_page.cpp).
#pragma once

#include <optional>
#include <string>

#include "core/catalog.h"
#include "sync/township/township_store.h"
#include "sync/township/web/i18n.h"
#include "sync/township/web/pages.h"
#include "sync/township/web/templates.h"

namespace vsk::township::web {

// The translation key of the public status a resident sees (已提交 / 已受理 / 办理中 / 待补材料 /
// 已上报乡镇 / 已办结 / 退回 / 已撤回).
std::string public_status_key(const std::string& status);
// The page's data; nullopt for an unknown number and a wrong or missing token alike.
std::optional<Data> status_page(TownshipStore& store, const core::Catalog& catalog, const Translations& tr,
                                const std::string& lang, const std::string& number, const std::string& token);

}  // namespace vsk::township::web
