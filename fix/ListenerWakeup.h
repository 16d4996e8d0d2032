#pragma once
// Wakes QuickFIX 1.15's SocketAcceptor thread out of its one-second select() so that
// stop() returns at once instead of up to a second later.
//
// SocketAcceptor's thread checks its stop flag only between select() calls, and its
// select() wakes on its own sockets only. Acceptor::stop(true) sets the flag and joins,
// with no way to interrupt the wait in between. A connection to the listening port is
// an event that select() sees: while this object lives, a thread of its own connects to
// 127.0.0.1:port (and hangs up) every few milliseconds. Cold path: stops only.
//
// C++14: included by fix/FixAcceptor.cpp, which QuickFIX's headers hold to C++14.

#include <atomic>
#include <cstdint>
#include <thread>

namespace bw {
namespace fix {

class ListenerWakeup {
 public:
  /// Starts knocking on 127.0.0.1:port at once. port 0: does nothing.
  explicit ListenerWakeup(std::uint16_t port);
  /// Stops knocking and joins the thread.
  ~ListenerWakeup();

  ListenerWakeup(const ListenerWakeup&) = delete;
  ListenerWakeup& operator=(const ListenerWakeup&) = delete;

 private:
  void knock() const noexcept;

  const std::uint16_t port_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace fix
}  // namespace bw
