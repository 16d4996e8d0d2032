#pragma once
// `breakwater capture serve (--tcp PORT | --udp GROUP:PORT) CAPTURE... [--speed N]`: plays
// capture lines to a live source, for demos and tests. TCP: a server on 127.0.0.1:PORT
// that streams to one client at a time (a new client resumes where the last one dropped);
// UDP: multicast datagrams on loopback. Paced by the lines' `<ns>` stamps at N x, or as
// fast as possible. Ends at the end of the captures or on SIGINT/SIGTERM.

#include <string>
#include <vector>

#include "tools/OperatorCommands.h"

namespace bw::tools {

struct ServeArgs {
  int tcp_port = 0;
  std::string udp;  ///< GROUP:PORT
  std::string bind = "127.0.0.1";
  std::string speed = "max";
  std::vector<std::string> captures;
};

int serveCommand(const ServeArgs& args, const Io& io);

}  // namespace bw::tools
