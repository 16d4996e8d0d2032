#include "fix/MappedSentStore.h"

#include <climits>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace bw {
namespace fix {
namespace {

/// The store's directory, created if missing (as MappedMessageStoreFactory does). Returns
/// `dir` for the member initialiser. Throws std::runtime_error naming it. Cold path.
const std::string& ensureDirectory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir.empty() ? "." : dir, ec);
  if (ec) throw std::runtime_error("FIX store directory " + dir + ": " + ec.message());
  return dir;
}

}  // namespace

// The session id QuickFIX's SessionID::toString() gives ("FIX.4.4:BREAKWATER->VENUESIM"),
// which MappedMessageStoreFactory writes into the file: the same file opens on either path.
MappedSentStore::MappedSentStore(const std::string& dir, const std::string& begin_string,
                                 const std::string& sender_comp_id, const std::string& target_comp_id)
    : file_(MappedStoreFile::pathIn(ensureDirectory(dir), begin_string, sender_comp_id, target_comp_id),
            begin_string + ":" + sender_comp_id + "->" + target_comp_id) {}

bool MappedSentStore::store(std::uint64_t seq, const char* bytes, std::size_t len) noexcept {
  if (seq == 0 || seq > static_cast<std::uint64_t>(INT_MAX)) return false;
  return file_.append(static_cast<int>(seq), bytes, len);
}

std::size_t MappedSentStore::load(std::uint64_t seq, char* out, std::size_t capacity) const noexcept {
  if (seq == 0 || seq > static_cast<std::uint64_t>(INT_MAX)) return 0;
  try {
    std::vector<std::string> found;
    file_.get(static_cast<int>(seq), static_cast<int>(seq), found);
    if (found.empty() || found.front().size() > capacity) return 0;  // gone: a gap fill
    std::memcpy(out, found.front().data(), found.front().size());
    return found.front().size();
  } catch (...) {  // std::bad_alloc: not kept, as far as the resend goes
    return 0;
  }
}

}  // namespace fix
}  // namespace bw
