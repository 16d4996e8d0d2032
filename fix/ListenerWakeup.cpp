#include "fix/ListenerWakeup.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace bw {
namespace fix {

ListenerWakeup::ListenerWakeup(std::uint16_t port) : port_(port) {
  if (port_ == 0) return;
  thread_ = std::thread([this] {
    while (!done_.load(std::memory_order_acquire)) {
      knock();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
}

ListenerWakeup::~ListenerWakeup() {
  done_.store(true, std::memory_order_release);
  if (thread_.joinable()) thread_.join();
}

void ListenerWakeup::knock() const noexcept {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  sockaddr_in address;
  std::memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // Refused once the acceptor has closed its port: then there is no one left to wake.
  (void)::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  ::close(fd);
}

}  // namespace fix
}  // namespace bw
