#pragma once
// Breakwater's own capture format: a versioned header carrying the instrument table, then
// fixed-size 64-byte records, replayed with no parsing (BinaryCaptureReader) and written
// by `breakwater capture convert` (BinaryCaptureWriter). Little-endian, the layout of the
// structs below (static_asserts pin every size and offset).
//
//   offset 0            FileHeader (64 bytes): magic, version, sizes, counts
//   offset 64           InstrumentEntry x instrument_count (32 bytes each: name, tick, lot)
//   offset header_size  Record x record_count (64 bytes each; header_size is a multiple of 64)
//
// A tick is one main record (type 1-4 = TickKind + 1) followed by `follow` records of the
// same size that belong to it:
//   - at most one kTopOfBook record: bid_qty, ask_qty, first_seq and the level counts
//     (written when any of them is non-zero: quotes, depth updates, snapshots);
//   - then kLevels records holding the message's levels, kLevelsPerRecord per record,
//     bids first then asks, in message order (Tick::levels).
// Trades take 64 bytes; a quote 128. Why not one 128-byte record for everything: trades
// are most of a capture and half the bytes is half the memory traffic per replayed tick.
//
// Symbols are indexes into the file's own instrument table; the reader maps them by name
// onto the running InstrumentTable, so a file written with another table replays right.
//
// Magic ends in "\r\n\x1a\n" (as PNG's does): a file mangled by a text-mode copy fails
// the magic check instead of replaying garbage.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace bw::feed::binary {

static_assert(std::endian::native == std::endian::little, "the binary capture format is little-endian");

inline constexpr std::array<char, 8> kMagic{'B', 'W', 'C', 'P', '\r', '\n', '\x1a', '\n'};
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::uint32_t kRecordSize = 64;
inline constexpr std::size_t kLevelsPerRecord = 3;

struct FileHeader {
  std::array<char, 8> magic = kMagic;
  std::uint32_t version = kVersion;
  std::uint32_t header_size = 0;       ///< bytes before the first record (multiple of kRecordSize)
  std::uint32_t record_size = kRecordSize;
  std::uint32_t instrument_count = 0;  ///< InstrumentEntry records after this header
  std::uint64_t record_count = 0;      ///< records written (set when the writer closes)
  std::array<std::uint8_t, 32> reserved{};
};
static_assert(sizeof(FileHeader) == 64);

struct InstrumentEntry {
  std::array<char, 16> name{};  ///< NUL-padded symbol (at most 15 characters)
  std::int64_t tick_size = 0;   ///< 1e-8 units
  std::int64_t lot_size = 0;    ///< 1e-8 units
};
static_assert(sizeof(InstrumentEntry) == 32);

/// Record::type values.
enum RecordType : std::uint8_t {
  kTradeRecord = 1,     ///< main record of a TickKind::kTrade tick (type - 1 == TickKind)
  kQuoteRecord = 2,
  kDepthRecord = 3,
  kSnapshotRecord = 4,
  kTopOfBook = 16,      ///< follow-on: TopOfBookRecord
  kLevels = 17,         ///< follow-on: LevelsRecord
};

/// First 8 bytes of every record.
struct RecordHead {
  std::uint8_t type = 0;
  std::uint8_t side = 0;     ///< main: aggressor (0 buy, 1 sell); kLevels: 0 bids, 1 asks
  std::uint8_t flags = 0;    ///< main: Tick::flags
  std::uint8_t count = 0;    ///< kLevels: levels used in this record (1..kLevelsPerRecord)
  std::uint16_t symbol = 0;  ///< main: index into the file's instrument table
  std::uint16_t follow = 0;  ///< main: records after this one that belong to the tick
};
static_assert(sizeof(RecordHead) == 8);

struct MainRecord {
  RecordHead head;
  std::int64_t recv_ns = 0;
  std::int64_t exch_ns = 0;
  std::uint64_t seq = 0;
  std::int64_t price = 0;
  std::int64_t qty = 0;
  std::int64_t bid = 0;
  std::int64_t ask = 0;
};
static_assert(sizeof(MainRecord) == kRecordSize);

struct TopOfBookRecord {
  RecordHead head;
  std::int64_t bid_qty = 0;
  std::int64_t ask_qty = 0;
  std::uint64_t first_seq = 0;
  std::uint32_t bid_levels = 0;  ///< levels in the kLevels records that follow (bids)
  std::uint32_t ask_levels = 0;
  std::array<std::uint8_t, 24> reserved{};
};
static_assert(sizeof(TopOfBookRecord) == kRecordSize);

struct LevelsRecord {
  RecordHead head;
  struct Level {
    std::int64_t price = 0;
    std::int64_t qty = 0;
  };
  std::array<Level, kLevelsPerRecord> levels{};
  std::array<std::uint8_t, 8> reserved{};
};
static_assert(sizeof(LevelsRecord) == kRecordSize);

/// Byte size of the header plus an instrument table of `count` entries, rounded up so the
/// records start on a record (and cache-line) boundary.
[[nodiscard]] constexpr std::uint64_t headerSize(std::uint64_t instrument_count) noexcept {
  const std::uint64_t raw = sizeof(FileHeader) + instrument_count * sizeof(InstrumentEntry);
  return (raw + kRecordSize - 1) / kRecordSize * kRecordSize;
}

}  // namespace bw::feed::binary
