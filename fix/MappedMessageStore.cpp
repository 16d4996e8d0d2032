// C++14 translation unit (QuickFIX headers): see fix/CMakeLists.txt.
#include "fix/MappedMessageStore.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace bw {
namespace fix {
namespace {

/// mkdir -p (C++14 has no std::filesystem).
void makeDirectories(const std::string& dir) {
  std::string path;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    path = dir.substr(0, pos);
    if (path.empty()) continue;
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
      std::string what = "FIX message store directory ";
      what += path;
      what += ": ";
      what += std::strerror(errno);
      throw std::runtime_error(what);
    }
  }
}

}  // namespace

void MappedMessageStore::get(int begin, int end, std::vector<std::string>& out) const noexcept {
  try {
    file_.get(begin, end, out);
  } catch (...) {
    out.clear();
  }
}

FIX::UtcTimeStamp MappedMessageStore::getCreationTime() const noexcept {
  return FIX::UtcTimeStamp(static_cast<time_t>(file_.creationTimeS()));
}

FIX::MessageStore* MappedMessageStoreFactory::create(const FIX::SessionID& id) {
  if (!dir_.empty()) makeDirectories(dir_);
  const std::string path = MappedStoreFile::pathIn(dir_, id.getBeginString().getString(),
                                                   id.getSenderCompID().getString(), id.getTargetCompID().getString());
  return new MappedMessageStore(path, id.toString(), slot_count_, slot_bytes_);
}

}  // namespace fix
}  // namespace bw
