// Compares two folders of screenshots (PNG) file by file: how many pixels differ, by how much,
// and where. Used to check that a renderer change keeps the pixels of every UI script's
// screenshots (see BENCHMARKS.md, "Pixels before and after").
//
//   build/bench/shot_diff BEFORE_DIR AFTER_DIR [DIFF_DIR] [--tolerance N]
//
// A pixel differs when any channel differs by more than N (default 0). With DIFF_DIR, every
// file that differs gets a picture there: the after image dimmed, differing pixels in magenta.
// Exit status: 0 all equal within the tolerance, 1 some differ, 2 usage or read errors.
#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgba;
};

bool load(const fs::path& p, Image* out) {
  int channels = 0;
  unsigned char* px = stbi_load(p.c_str(), &out->w, &out->h, &channels, 4);
  if (!px) return false;
  out->rgba.assign(px, px + static_cast<size_t>(out->w) * out->h * 4);
  stbi_image_free(px);
  return true;
}

struct Diff {
  long differing = 0;
  int max_delta = 0;
  int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
};

Diff compare(const Image& a, const Image& b, int tolerance, std::vector<unsigned char>* picture) {
  Diff d;
  if (picture) picture->resize(b.rgba.size());
  for (int y = 0; y < a.h; ++y) {
    for (int x = 0; x < a.w; ++x) {
      const size_t i = (static_cast<size_t>(y) * a.w + x) * 4;
      int delta = 0;
      for (int c = 0; c < 3; ++c) delta = std::max(delta, std::abs(a.rgba[i + c] - b.rgba[i + c]));
      const bool differs = delta > tolerance;
      if (differs) {
        ++d.differing;
        d.x0 = std::min(d.x0, x);
        d.y0 = std::min(d.y0, y);
        d.x1 = std::max(d.x1, x);
        d.y1 = std::max(d.y1, y);
      }
      d.max_delta = std::max(d.max_delta, delta);
      if (picture) {
        for (int c = 0; c < 3; ++c) (*picture)[i + c] = static_cast<unsigned char>(b.rgba[i + c] / 3 + 170);
        if (differs) {
          (*picture)[i] = 255;
          (*picture)[i + 1] = 0;
          (*picture)[i + 2] = 255;
        }
        (*picture)[i + 3] = 255;
      }
    }
  }
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> dirs;
  int tolerance = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--tolerance" && i + 1 < argc) {
      tolerance = std::atoi(argv[++i]);
    } else {
      dirs.push_back(a);
    }
  }
  if (dirs.size() < 2 || dirs.size() > 3) {
    std::fprintf(stderr, "usage: shot_diff BEFORE_DIR AFTER_DIR [DIFF_DIR] [--tolerance N]\n");
    return 2;
  }
  std::vector<fs::path> names;
  for (const auto& e : fs::directory_iterator(dirs[0]))
    if (e.path().extension() == ".png") names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  if (dirs.size() == 3) fs::create_directories(dirs[2]);

  int equal = 0, differ = 0, errors = 0;
  long total_pixels = 0, total_differing = 0;
  for (const fs::path& name : names) {
    Image a, b;
    if (!load(fs::path(dirs[0]) / name, &a) || !load(fs::path(dirs[1]) / name, &b)) {
      std::printf("%-40s missing or unreadable in one folder\n", name.c_str());
      ++errors;
      continue;
    }
    if (a.w != b.w || a.h != b.h) {
      std::printf("%-40s size %dx%d vs %dx%d\n", name.c_str(), a.w, a.h, b.w, b.h);
      ++errors;
      continue;
    }
    std::vector<unsigned char> picture;
    const Diff d = compare(a, b, tolerance, dirs.size() == 3 ? &picture : nullptr);
    total_pixels += static_cast<long>(a.w) * a.h;
    total_differing += d.differing;
    if (d.differing == 0) {
      ++equal;
      std::printf("%-40s equal (max channel delta %d)\n", name.c_str(), d.max_delta);
      continue;
    }
    ++differ;
    std::printf("%-40s %7ld px differ (%.3f %%), max channel delta %3d, in x %d-%d y %d-%d\n", name.c_str(),
                d.differing, 100.0 * d.differing / (static_cast<double>(a.w) * a.h), d.max_delta, d.x0, d.x1, d.y0,
                d.y1);
    if (dirs.size() == 3)
      stbi_write_png((fs::path(dirs[2]) / name).c_str(), b.w, b.h, 4, picture.data(), b.w * 4);
  }
  std::printf("%d equal, %d differ, %d errors; %.4f %% of all pixels differ (tolerance %d)\n", equal, differ, errors,
              total_pixels ? 100.0 * total_differing / total_pixels : 0.0, tolerance);
  return errors ? 2 : (differ ? 1 : 0);
}
