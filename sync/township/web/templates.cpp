#include "sync/township/web/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vsk::township::web {

Templates::Templates(const std::string& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto t = std::make_unique<kainjow::mustache::mustache>(ss.str());
    if (!t->is_valid()) throw std::runtime_error(entry.path().string() + ": " + t->error_message());
    templates_[entry.path().stem().string()] = std::move(t);
  }
  if (templates_.empty()) throw std::runtime_error("no templates in " + dir);
}

std::string Templates::render(const std::string& name, const Data& data, const Data* shared) const {
  const auto it = templates_.find(name);
  if (it == templates_.end()) throw std::runtime_error("no template " + name);
  kainjow::mustache::context<std::string> ctx;
  if (shared) ctx.push(shared);
  ctx.push(&data);  // searched first
  std::string out = it->second->render(ctx);
  if (!it->second->is_valid()) throw std::runtime_error("template " + name + ": " + it->second->error_message());
  return out;
}

}  // namespace vsk::township::web
