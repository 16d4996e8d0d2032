#include "tools/ServeCommand.h"

#include <csignal>

#include <atomic>
#include <charconv>
#include <cstdlib>

#include "feed/LineSender.h"

namespace bw::tools {
namespace {

std::atomic<bool> g_stop{false};  // SIGINT/SIGTERM; a lock-free store is async-signal-safe

void onStopSignal(int) { g_stop.store(true, std::memory_order_relaxed); }

void installStopHandlers() {
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = static_cast<int>(SA_RESETHAND);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void printStats(const feed::ServeStats& s, const Io& io) {
  io.out << "served " << s.lines << " lines, " << s.bytes << " bytes in " << s.writes << " writes";
  if (s.clients != 0) io.out << " to " << s.clients << " client(s)";
  if (s.too_long != 0) io.out << ", " << s.too_long << " lines too long for a datagram";
  if (s.failed != 0) io.out << ", " << s.failed << " datagrams refused";
  if (s.stopped) io.out << " (stopped)";
  io.out << "\n";
}

}  // namespace

int serveCommand(const ServeArgs& args, const Io& io) {
  feed::ServeOptions options;
  options.stop = &g_stop;
  if (args.speed != "max") {
    char* end = nullptr;
    options.speed = std::strtod(args.speed.c_str(), &end);
    if (end == args.speed.c_str() || *end != '\0' || !(options.speed > 0)) {
      io.err << "breakwater capture serve: --speed must be 'max' or a positive number (got '" << args.speed << "')\n";
      return 2;
    }
  }
  installStopHandlers();
  if (args.tcp_port != 0) {
    feed::TcpLineServer server(static_cast<std::uint16_t>(args.tcp_port), args.bind);
    printStats(feed::serveCaptures(args.captures, server, options, io.err), io);
    return 0;
  }
  const std::size_t colon = args.udp.rfind(':');
  unsigned port = 0;
  const char* port_begin = args.udp.data() + (colon == std::string::npos ? 0 : colon + 1);
  const char* port_end = args.udp.data() + args.udp.size();
  const auto [ptr, ec] = std::from_chars(port_begin, port_end, port);
  if (colon == std::string::npos || ec != std::errc() || ptr != port_end || port == 0 || port > 65'535) {
    io.err << "breakwater capture serve: give --tcp PORT or --udp GROUP:PORT\n";
    return 2;
  }
  feed::UdpLineSender sender(args.udp.substr(0, colon), static_cast<std::uint16_t>(port));
  printStats(feed::serveCaptures(args.captures, sender, options, io.err), io);
  return 0;
}

}  // namespace bw::tools
