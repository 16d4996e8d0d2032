// Issue 6 item 4: what keeping each sent message for resend costs the send path.
// MappedStoreFile::append (memory-mapped ring, no syscall, no allocation) beside
// QuickFIX 1.15's MemoryStore (a std::map of strings: allocates per message) and FileStore
// (fwrite + fflush per message: two writes, syscalls) in the same run, ~200-byte message.

#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "QuickFixStoreReference.h"
#include "fix/MappedStoreFile.h"

namespace {

std::string orderBytes() {
  std::string m =
      "8=FIX.4.4\x01" "9=178\x01" "35=D\x01" "34=1234567\x01" "49=BREAKWATER\x01" "52=20261123-22:00:00.123\x01"
      "56=VENUESIM\x01" "11=1234567\x01" "38=0.012\x01" "40=2\x01" "44=61837.63\x01" "54=1\x01" "55=BTCUSDT\x01"
      "59=1\x01" "60=20261123-22:00:00.123\x01" "10=123\x01";
  return m;
}

std::filesystem::path benchDir(const char* name) {
  std::filesystem::path p = std::filesystem::temp_directory_path() /
                            (std::string("bw-bench-") + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

void BM_MappedStoreAppend(benchmark::State& state) {
  const std::filesystem::path dir = benchDir("mapped");
  {
    bw::fix::MappedStoreFile store((dir / "s.store").string(), "FIX.4.4:BENCH->REF");
    const std::string m = orderBytes();
    int seq = 1;
    for (auto _ : state) {
      benchmark::DoNotOptimize(store.append(seq, m.data(), m.size()));
      store.setNextSenderSeqNum(++seq);
    }
    state.SetItemsProcessed(state.iterations());
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_MappedStoreAppend);

void referenceStore(benchmark::State& state, bw::bench::QuickFixStoreReference::Kind kind, const char* name) {
  const std::filesystem::path dir = benchDir(name);
  {
    bw::bench::QuickFixStoreReference store(kind, dir.string(), orderBytes());
    int seq = 1;
    for (auto _ : state) benchmark::DoNotOptimize(store.persist(seq++));
    state.SetItemsProcessed(state.iterations());
  }
  std::filesystem::remove_all(dir);
}

void BM_QuickFixMemoryStoreSet(benchmark::State& state) {
  referenceStore(state, bw::bench::QuickFixStoreReference::Kind::kMemory, "qfmem");
}
BENCHMARK(BM_QuickFixMemoryStoreSet);

void BM_QuickFixFileStoreSet(benchmark::State& state) {
  referenceStore(state, bw::bench::QuickFixStoreReference::Kind::kFile, "qffile");
}
BENCHMARK(BM_QuickFixFileStoreSet);

}  // namespace

BENCHMARK_MAIN();
