#pragma once
// The append-only audit journal. Producers (engine, order thread, control thread) hand a
// JournalEvent to record(): one lock-free try_enqueue into a pre-sized moodycamel
// ConcurrentQueue, never a system call, never a block, never an allocation once the thread
// is attached. The journal's own thread drains the queue in bulk, formats each event as
// one tab-separated line and appends it with write(2), off the hot path.
//
// File format (UTF-8 text, one event per line, fields separated by one TAB):
//   # breakwater journal v1
//   seq wall_ns market_ns type order_id symbol side scope price qty code rule strategy aux aux2 text
//   7   <ns>    <ns>      VERDICT 42 BTCUSDT BUY - 61000.5 0.001 PRICE_COLLAR MiFID II RTS 6 ... 3 812 0
//   (that last line: strategy 3, aux = check ns 812, aux2 0, empty text)
// seq rises by one per line across the file's life (a reopened file continues it); type,
// side, scope and code are names (code is a number where it has none: limit key, gate
// layer); price and qty are decimals; "-" stands for no symbol, side, scope or rule; text
// has tabs and newlines replaced by spaces. pipeline/JournalReader.h parses it back.
//
// Threads: record() from any number of producer threads; start()/stop() and the
// destructor from one owner thread; counters from any thread.

#include <concurrentqueue/concurrentqueue.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/Config.h"
#include "core/InstrumentTable.h"
#include "pipeline/JournalEvent.h"

namespace bw::pipeline {

/// Queue traits: blocks are large (fewer index entries), each producer's block index is
/// big enough to hold every pre-allocated block (try_enqueue never grows it: it fails and
/// the event is counted as dropped instead), and the queue's memory goes through global
/// operator new so the tests' allocation counter sees every byte the queue asks for.
struct JournalQueueTraits : moodycamel::ConcurrentQueueDefaultTraits {
  static constexpr std::size_t BLOCK_SIZE = 256;
  /// Per producer: 4096 blocks x 256 = 1,048,576 undrained events before it drops.
  static constexpr std::size_t IMPLICIT_INITIAL_INDEX_SIZE = 4096;
  /// Producer threads before the thread-id hash grows (it grows at half full).
  static constexpr std::size_t INITIAL_IMPLICIT_PRODUCER_HASH_SIZE = 64;
  static void* malloc(std::size_t size) noexcept { return ::operator new(size, std::nothrow); }
  static void free(void* p) noexcept { ::operator delete(p); }
};

/// Counters, any thread, relaxed reads (monitoring; no ordering implied).
struct JournalCounters {
  std::uint64_t recorded = 0;      ///< events accepted by record()
  std::uint64_t dropped = 0;       ///< events refused by record() (queue full)
  std::uint64_t written = 0;       ///< lines written to the file (events and DROP lines)
  std::uint64_t write_errors = 0;  ///< write(2)/fsync failures (the lines are lost; see lastError)
};

class Journal {
 public:
  /// Largest queue capacity (events across all producers): [journal] queue_capacity's bound.
  static constexpr std::size_t kMaxCapacity = 16'777'216;
  /// Undrained events one producer thread can hold (its fixed block index, see traits).
  static constexpr std::size_t kMaxPerProducer =
      JournalQueueTraits::BLOCK_SIZE * (JournalQueueTraits::IMPLICIT_INITIAL_INDEX_SIZE - 1);
  /// Producer threads the queue pre-sizes blocks for (each holds up to two partial blocks).
  static constexpr std::size_t kDefaultProducers = 8;
  static constexpr std::string_view kHeaderLine = "# breakwater journal v1";
  static constexpr std::string_view kColumnLine =
      "seq\twall_ns\tmarket_ns\ttype\torder_id\tsymbol\tside\tscope\tprice\tqty\tcode\trule\tstrategy\taux\taux2\ttext";
  static constexpr std::size_t kColumns = 16;

  /// Opens (creates) `path` for append, takes an exclusive flock (a second writer of the
  /// same journal is refused), writes the two header lines if the file is empty, reads the
  /// last seq if not, and pre-allocates the queue for at least `capacity` events (rounded
  /// up to 256-event blocks, plus two blocks per producer thread for partly used ones). The instrument
  /// table is copied (names for the symbol column). Throws std::runtime_error naming the
  /// path if it cannot open, lock, read or write the file or the file is not a journal;
  /// std::invalid_argument if capacity is 0 or above kMaxCapacity. Cold path.
  Journal(std::string path, std::size_t capacity, const InstrumentTable& instruments,
          std::size_t producers = kDefaultProducers);
  ~Journal();  ///< stop(): drains, fsyncs, closes.

  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Registers the calling thread as a producer: allocates its queue slot (moodycamel's
  /// per-thread implicit producer) and journals a SESSION line "attach <name>". Call once
  /// per producing thread before its first record(); a thread that skips it allocates
  /// once, on its first record(). Cold path; any thread. False if the event was dropped.
  bool attachThread(std::string_view name);

  /// Queues one event. Any thread; lock-free; no system call; never blocks; no allocation
  /// once the thread is attached. False when the queue is full: the event is lost, counted
  /// in dropped(), and the journal writes a DROP line with the count.
  [[nodiscard]] bool record(const JournalEvent& event) noexcept;

  /// Starts the writer thread. Throws std::system_error if it cannot. Owner thread.
  void start();
  /// Drains every event recorded before the call, writes the DROP line if any were lost,
  /// fsyncs and joins the writer. Idempotent; events recorded later wait for the next
  /// start() or stop(). Owner thread; never throws.
  void stop() noexcept;

  [[nodiscard]] JournalCounters counters() const noexcept;
  [[nodiscard]] std::uint64_t recorded() const noexcept { return recorded_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t written() const noexcept { return written_.load(std::memory_order_relaxed); }
  /// The seq the next line will carry. Owner thread after stop(), or approximate.
  [[nodiscard]] std::uint64_t nextSeq() const noexcept { return next_seq_.load(std::memory_order_relaxed); }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// The last write error as text ("" if none). Owner thread after stop().
  [[nodiscard]] std::string lastError() const;

  /// The journal file [journal] names: its path, or <work_dir>/journal.tsv when empty.
  [[nodiscard]] static std::string pathFor(const JournalConfig& config, const std::string& work_dir);

  /// Formats one event as a journal line (no trailing newline) into `out` (appended).
  /// Used by the writer; public for tests and tools. Cold path (allocates).
  static void formatLine(std::string& out, std::uint64_t seq, const JournalEvent& event,
                         const InstrumentTable& instruments);

 private:
  using Queue = moodycamel::ConcurrentQueue<JournalEvent, JournalQueueTraits>;

  void run() noexcept;
  /// Drains up to one bulk and formats it into buffer_; returns events taken. Writer only.
  std::size_t drainOnce();
  void appendDropLineIfNeeded();
  void flushBuffer() noexcept;
  void noteError(const char* what, int err) noexcept;
  std::uint64_t readLastSeq();

  std::string path_;
  InstrumentTable instruments_;
  int fd_ = -1;
  Queue queue_;

  // Producer-written counters, each on its own line: the engine's record() must not share
  // a line with the writer's counter.
  alignas(64) std::atomic<std::uint64_t> recorded_{0};
  alignas(64) std::atomic<std::uint64_t> dropped_{0};
  // Writer-owned from here (the writer thread, or the owner inside stop()).
  alignas(64) std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> write_errors_{0};
  std::atomic<std::uint64_t> next_seq_{1};
  std::uint64_t drops_journaled_ = 0;  ///< dropped count already reported in DROP lines
  std::string buffer_;                 ///< formatted lines awaiting write(2)
  std::uint64_t pending_lines_ = 0;    ///< lines in buffer_
  std::string last_error_;
  std::vector<JournalEvent> batch_;

  std::atomic<bool> stop_requested_{false};
  std::thread writer_;
};

}  // namespace bw::pipeline
