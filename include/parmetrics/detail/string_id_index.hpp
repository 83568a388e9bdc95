#pragma once
// Internal: a hash index from text to dense id over strings its owner stores (the codes of a
// registry's units, a survey's respondent ids).
//
// Thread-safety: const lookups may run concurrently; insertions need the index to themselves, as
// its owner's add() does.

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace parmetrics::detail {

/// Text → dense id, holding ids and hashes only. A std::unordered_map<std::string, id> beside the
/// owner's vector would hold every string twice (a 200 MB code costs 400 MB) and allocate a key
/// per lookup by string_view; views or pointers into the owner's vector would dangle when it grows
/// or is copied. This keeps neither: each call names the strings through `text(id)`, so the owner
/// may grow, move or copy its storage freely. Open addressing, load at most 1/2.
class StringIdIndex {
 public:
  /// The id whose text equals `s`. `text(id)` returns the text of an id inserted before.
  template <class Text>
  std::optional<std::uint32_t> find(std::string_view s, const Text& text) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint32_t h = hash(s);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id_plus_1 == 0) return std::nullopt;
      if (slot.hash == h && std::string_view(text(slot.id_plus_1 - 1)) == s) {
        return slot.id_plus_1 - 1;
      }
    }
  }

  /// Indexes `id` under `s`; the caller has checked that `s` is not indexed yet.
  void insert(std::uint32_t id, std::string_view s) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    place(Slot{id + 1, hash(s)});
    ++size_;
  }

  std::size_t size() const noexcept { return size_; }

 private:
  struct Slot {
    std::uint32_t id_plus_1 = 0;  // 0: empty
    std::uint32_t hash = 0;
  };

  static std::uint32_t hash(std::string_view s) noexcept {
    const std::size_t h = std::hash<std::string_view>{}(s);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }

  void place(Slot s) noexcept {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = s.hash & mask;
    while (slots_[i].id_plus_1 != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }

  void grow() {
    std::vector<Slot> old(slots_.empty() ? 16 : 2 * slots_.size());
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.id_plus_1 != 0) place(s);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace parmetrics::detail
