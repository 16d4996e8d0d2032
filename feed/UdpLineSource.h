#pragma once
// A UDP multicast member reading JSON lines: one or several lines per datagram, the last
// one with or without its newline (see LiveSource.h for recv_ns). The group is joined on
// one interface, 127.0.0.1 by default: the loopback device carries no MULTICAST flag, but
// a membership on its address (IP_ADD_MEMBERSHIP with imr_interface 127.0.0.1) and a
// sender that names it (IP_MULTICAST_IF 127.0.0.1, IP_MULTICAST_LOOP on) deliver locally
// without any multicast route.
//
// Back-pressure: UDP cannot push back. Datagrams that arrive while the socket's receive
// buffer is full are dropped by the kernel; the source turns on SO_RXQ_OVFL, so every
// datagram carries the socket's drop count, and reports it (kernel_drops). A sender
// sequence gap per line would need a sequence field the JSON lines do not carry.
//
// Feed thread only. One recvmsg per poll at most; no allocation once warm.

#include <cstdint>
#include <string>

#include "feed/LineBuffer.h"
#include "feed/LiveSource.h"

namespace bw::feed {

struct UdpSourceOptions {
  std::string group = "239.255.0.1";      ///< IPv4 multicast group
  std::uint16_t port = 0;
  std::string interface = "127.0.0.1";    ///< local address the group is joined on
  int receive_buffer_bytes = 0;           ///< SO_RCVBUF; 0 keeps the system default
};

class UdpLineSource final : public LiveSource {
 public:
  /// Binds group:port and joins the group (throws std::runtime_error naming the step that
  /// failed). Cold path.
  UdpLineSource(const UdpSourceOptions& options, const InstrumentTable& instruments, MalformedLog& log,
                const TscClock& clock);
  ~UdpLineSource() override;
  UdpLineSource(const UdpLineSource&) = delete;
  UdpLineSource& operator=(const UdpLineSource&) = delete;

  /// kTick or kIdle (never kEnd: a multicast group has no end). Feed thread; never blocks.
  [[nodiscard]] StreamStatus poll(Tick& tick) override;

  [[nodiscard]] LiveSourceStats liveStats() const override;
  [[nodiscard]] bool closedForGood() const noexcept override { return false; }

 private:
  /// Reads one datagram; false when none is waiting.
  bool readDatagram();

  int fd_ = -1;
  LineBuffer buffer_;
  std::int64_t read_ns_ = 0;
  bool in_datagram_ = false;  // lines of the last datagram remain
  bool truncated_ = false;    // the last datagram was longer than the buffer
  LiveSourceStats live_;
};

}  // namespace bw::feed
