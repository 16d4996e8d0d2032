#include "feed/UdpLineSource.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace bw::feed {
namespace {

constexpr std::size_t kMaxDatagram = 65'536;  // above UDP's 65,507-byte payload limit

std::string endpointName(const UdpSourceOptions& o) {
  std::string name = "udp://";
  name += o.group;
  name += ':';
  name += std::to_string(o.port);
  return name;
}

in_addr ipv4(const std::string& text, const char* what) {
  in_addr a{};
  if (inet_pton(AF_INET, text.c_str(), &a) != 1) {
    std::string message = "udp source: ";
    message += what;
    message += " '";
    message += text;
    message += "' is not an IPv4 address";
    throw std::runtime_error(message);
  }
  return a;
}

[[noreturn]] void fail(const std::string& name, const char* step) {
  std::string message = name;
  message += ": ";
  message += step;
  message += ": ";
  message += std::strerror(errno);
  throw std::runtime_error(message);
}

}  // namespace

UdpLineSource::UdpLineSource(const UdpSourceOptions& options, const InstrumentTable& instruments, MalformedLog& log,
                             const TscClock& clock)
    : LiveSource(endpointName(options), instruments, log, clock), buffer_(kMaxDatagram, TickParser::kPadding) {
  const in_addr group = ipv4(options.group, "group");
  const in_addr local = ipv4(options.interface, "interface");
  if (!IN_MULTICAST(ntohl(group.s_addr))) throw std::runtime_error(name() + ": not a multicast group");
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) fail(name(), "socket");
  try {
    const int on = 1;
    // Several members (a second instance, a test) may listen on the same group and port.
    if (::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0) fail(name(), "SO_REUSEADDR");
    if (::setsockopt(fd_, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on) != 0) fail(name(), "SO_RXQ_OVFL");
    if (options.receive_buffer_bytes > 0 &&
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &options.receive_buffer_bytes, sizeof options.receive_buffer_bytes) != 0) {
      fail(name(), "SO_RCVBUF");
    }
    // Bound to the group address, not INADDR_ANY: only this group's datagrams arrive.
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(options.port);
    sa.sin_addr = group;
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) fail(name(), "bind");
    ip_mreq membership{};
    membership.imr_multiaddr = group;
    membership.imr_interface = local;
    if (::setsockopt(fd_, IPPROTO_IP, IP_ADD_MEMBERSHIP, &membership, sizeof membership) != 0) {
      fail(name(), "IP_ADD_MEMBERSHIP");
    }
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

UdpLineSource::~UdpLineSource() {
  if (fd_ >= 0) ::close(fd_);
}

bool UdpLineSource::readDatagram() {
  buffer_.clear();
  iovec iov{buffer_.writePos(), buffer_.writeRoom()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(std::uint32_t))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  const ssize_t n = ::recvmsg(fd_, &msg, 0);
  if (n < 0) return false;  // EAGAIN: nothing waiting (or EINTR: poll again)
  read_ns_ = wallNs();
  buffer_.commit(static_cast<std::size_t>(n));
  live_.bytes += static_cast<std::uint64_t>(n);
  ++live_.reads;
  truncated_ = (msg.msg_flags & MSG_TRUNC) != 0;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
      std::uint32_t drops = 0;  // the socket's drops so far, as of this datagram
      std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
      live_.kernel_drops = drops;
    }
  }
  in_datagram_ = true;
  return true;
}

StreamStatus UdpLineSource::poll(Tick& tick) {
  for (bool read = false;; read = true) {
    if (in_datagram_) {
      std::string_view line;
      while (buffer_.nextLine(line)) {
        if (ingest(line, read_ns_, tick)) return StreamStatus::kTick;
      }
      in_datagram_ = false;
      if (buffer_.takeRest(line)) {  // the datagram's last line, without its newline
        if (truncated_) {
          refuseTruncated("datagram longer than the receive buffer: its last line is dropped");
        } else if (ingest(line, read_ns_, tick)) {
          return StreamStatus::kTick;
        }
      }
    }
    if (read || !readDatagram()) return StreamStatus::kIdle;
  }
}

LiveSourceStats UdpLineSource::liveStats() const {
  LiveSourceStats s = live_;
  fillStats(s);
  return s;
}

}  // namespace bw::feed
