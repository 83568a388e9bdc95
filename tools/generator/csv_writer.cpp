// The native CSV files (docs/formats.md), formatted by hand into large buffers: ten million rows
// go through no iostream and no per-field allocation. Blocks are formatted on several threads
// and written in block order, so the bytes do not depend on the thread count.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <parmetrics/error.hpp>
#include <parmetrics/io/csv_field.hpp>

#include "generator.hpp"

namespace parmetrics::generator {

namespace {

namespace fs = std::filesystem;

class Text {
 public:
  /// Room for n more bytes; write through the pointer, then commit().
  char* room(std::size_t n) {
    if (size_ + n > buf_.size()) buf_.resize(std::max(buf_.size() * 2, size_ + n + (1u << 16)));
    return buf_.data() + size_;
  }
  void commit(char* end) { size_ = static_cast<std::size_t>(end - buf_.data()); }
  void append(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    size_ += s.size();
  }
  void clear() noexcept { size_ = 0; }
  std::string_view view() const noexcept { return {buf_.data(), size_}; }

 private:
  std::vector<char> buf_;
  std::size_t size_ = 0;
};

char* put(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}
char* put2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10 % 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}
char* put_date(char* p, DayNumber day) {
  const CivilDate c = civil_from_days(day);
  const auto y = static_cast<unsigned>(c.year);
  p = put2(p, y / 100);
  p = put2(p, y % 100);
  *p++ = '-';
  p = put2(p, c.month);
  *p++ = '-';
  return put2(p, c.day);
}
// Recently formatted dates, direct-mapped by day: a dossier's times fall on a few nearby days.
class DateCache {
 public:
  char* put(char* p, DayNumber day) {
    Entry& e = entries_[static_cast<std::uint32_t>(day) % kSize];
    if (!e.valid || e.day != day) {
      put_date(e.text, day);
      e.day = day;
      e.valid = true;
    }
    std::memcpy(p, e.text, 10);
    return p + 10;
  }

 private:
  static constexpr std::uint32_t kSize = 64;
  struct Entry {
    DayNumber day = 0;
    bool valid = false;
    char text[10] = {};
  };
  std::array<Entry, kSize> entries_{};
};

char* put_time(char* p, DateCache& dates, MinuteStamp t, bool sql) {
  p = dates.put(p, day_of(t));
  *p++ = sql ? ' ' : 'T';
  const int m = minute_of_day(t);
  p = put2(p, static_cast<unsigned>(m / 60));
  *p++ = ':';
  p = put2(p, static_cast<unsigned>(m % 60));
  if (sql) p = put(p, ":00");
  return p;
}
char* put_flag(char* p, std::uint8_t flags, std::uint8_t bit) {
  *p++ = (flags & bit) != 0 ? '1' : '0';
  *p++ = ',';
  return p;
}

constexpr std::string_view kDossierHeader =
    "code,procedure,unit,channel,received_at,appointment_at,ended_at,end_kind,returned_at,"
    "digitised,e_result,reused,from_store,vneid,fee_due,paid_online,synced,feedback";
constexpr std::string_view kEventHeader = "code,kind,at,new_appointment_at,public\n";

// Formats the dossiers of one block (and their events) into text.
class BlockFormatter final : public DossierSink {
 public:
  /// `communes`: each unit's GSO code for the `commune` column, or empty: no such column.
  BlockFormatter(const std::vector<std::string>& unit_codes,
                 const std::vector<std::string>& procedure_codes,
                 const std::vector<std::string>& communes, bool sql)
      : units_(unit_codes), procedures_(procedure_codes), communes_(communes), sql_(sql) {
    std::size_t longest_unit = 0, longest_procedure = 0;
    for (const auto& s : units_) longest_unit = std::max(longest_unit, s.size());
    for (const auto& s : procedures_) longest_procedure = std::max(longest_procedure, s.size());
    row_bound_ = 2 * longest_unit + longest_procedure + 256;
    event_bound_ = longest_unit + 128;
  }

  void clear() noexcept {
    dossiers.clear();
    events.clear();
    dossier_count = event_count = 0;
  }

  void on_dossier(const GeneratedDossier& d) override {
    const std::string& unit = units_[d.unit];
    char code[64];
    char* c = put(code, unit);
    {
      char date[10];  // YYYY-MM-DD
      dates_.put(date, day_of(d.received));
      const char yymmdd[] = {'-', date[2], date[3], date[5], date[6], date[8], date[9], '-'};
      c = put(c, std::string_view(yymmdd, sizeof yymmdd));
      c = put2(c, d.counter / 100);
      c = put2(c, d.counter % 100);
    }
    const std::string_view code_text(code, static_cast<std::size_t>(c - code));

    char* p = dossiers.room(row_bound_);
    p = put(p, code_text);
    *p++ = ',';
    p = put(p, procedures_[d.procedure]);
    *p++ = ',';
    p = put(p, unit);
    *p++ = ',';
    p = put(p, to_string(d.channel));
    *p++ = ',';
    p = put_time(p, dates_, d.received, sql_);
    *p++ = ',';
    if (d.appointment_recorded) p = put_time(p, dates_, d.appointment, sql_);
    *p++ = ',';
    if (d.ended) p = put_time(p, dates_, *d.ended, sql_);
    *p++ = ',';
    p = put(p, to_string(d.end_kind));
    *p++ = ',';
    if (d.returned) p = put_time(p, dates_, *d.returned, sql_);
    *p++ = ',';
    p = put_flag(p, d.flags, dossier_flag::digitised);
    p = put_flag(p, d.flags, dossier_flag::e_result);
    p = put_flag(p, d.flags, dossier_flag::reused);
    p = put_flag(p, d.flags, dossier_flag::from_store);
    p = put_flag(p, d.flags, dossier_flag::vneid);
    p = put_flag(p, d.flags, dossier_flag::fee_due);
    p = put_flag(p, d.flags, dossier_flag::paid_online);
    p = put_flag(p, d.flags, dossier_flag::synced);
    p = put(p, to_string(d.feedback));
    if (!communes_.empty()) {
      *p++ = ',';
      if (d.commune != kNoCommune) p = put(p, communes_[d.commune]);
    }
    *p++ = '\n';
    dossiers.commit(p);
    ++dossier_count;

    // Events by time; at equal times a request before its completion.
    struct Event {
      MinuteStamp at;
      int order;
      std::string_view kind;
      const GeneratedApology* apology;
    };
    std::array<Event, 5> list;
    std::size_t n = 0;
    for (std::uint8_t i = 0; i < d.supplement_count; ++i) {
      const GeneratedSupplement& s = d.supplements[i];
      list[n++] = {s.requested, 2 * i, "supplement_requested", nullptr};
      if (s.completed) list[n++] = {*s.completed, 2 * i + 1, "supplement_completed", nullptr};
    }
    if (d.apology) list[n++] = {d.apology->issued, 9, "apology", &*d.apology};
    if (n == 0) return;
    // Insertion sort of at most five (std::sort trips g++ 12's -Warray-bounds here).
    for (std::size_t i = 1; i < n; ++i) {
      const Event e = list[i];
      std::size_t j = i;
      for (; j > 0 &&
             (list[j - 1].at > e.at || (list[j - 1].at == e.at && list[j - 1].order > e.order));
           --j) {
        list[j] = list[j - 1];
      }
      list[j] = e;
    }
    for (std::size_t i = 0; i < n; ++i) {
      char* e = events.room(event_bound_);
      e = put(e, code_text);
      *e++ = ',';
      e = put(e, list[i].kind);
      *e++ = ',';
      e = put_time(e, dates_, list[i].at, sql_);
      *e++ = ',';
      if (list[i].apology) {
        e = put_time(e, dates_, list[i].apology->new_appointment, sql_);
        *e++ = ',';
        *e++ = list[i].apology->is_public ? '1' : '0';
      } else {
        *e++ = ',';
      }
      *e++ = '\n';
      events.commit(e);
      ++event_count;
    }
  }

  Text dossiers, events;
  std::uint64_t dossier_count = 0, event_count = 0;

 private:
  const std::vector<std::string>& units_;
  const std::vector<std::string>& procedures_;
  const std::vector<std::string>& communes_;
  bool sql_;
  std::size_t row_bound_ = 0, event_bound_ = 0;
  DateCache dates_;
};

// A file written beside its final name and renamed into place once complete.
class OutFile {
 public:
  explicit OutFile(fs::path path) : path_(std::move(path)), temp_(path_) {
    temp_ += ".tmp";
    file_ = std::fopen(temp_.c_str(), "wb");
    if (file_ == nullptr) fail(errno);
  }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;
  ~OutFile() {
    if (file_ != nullptr) std::fclose(file_);
    if (!published_) {
      std::error_code ignored;
      fs::remove(temp_, ignored);
    }
  }

  void write(std::string_view text) {
    if (text.empty()) return;
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail(errno);
    bytes_ += text.size();
  }
  void close() {
    const bool flushed = std::fflush(file_) == 0 && std::ferror(file_) == 0;
    const int error = errno;
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (!flushed) fail(error);
    if (closed != 0) fail(errno);
  }
  void publish() {
    std::error_code ec;
    fs::rename(temp_, path_, ec);
    if (ec) throw Error(fmt::format("cannot write {}: {}", path_.string(), ec.message()));
    published_ = true;
  }
  WrittenFile result(std::uint64_t records) const { return {path_, records, bytes_}; }

 private:
  [[noreturn]] void fail(int error) const {
    throw Error(fmt::format("cannot write {}: {}", path_.string(),
                            std::strerror(error != 0 ? error : EIO)));
  }
  fs::path path_, temp_;
  std::FILE* file_ = nullptr;
  std::uint64_t bytes_ = 0;
  bool published_ = false;
};

std::string duration_amount(const StatutoryTime& t) {
  return fmt::format("{}", t.amount());
}

std::string_view duration_kind(const StatutoryTime& t) {
  switch (t.unit()) {
    case StatutoryTime::Unit::working_hours:
      return "h";
    case StatutoryTime::Unit::working_days:
      return "d";
    case StatutoryTime::Unit::calendar_days:
      return "cd";
  }
  return "d";
}

std::string_view online_level(OnlineLevel l) {
  switch (l) {
    case OnlineLevel::none:
      return "none";
    case OnlineLevel::partial:
      return "partial";
    case OnlineLevel::full:
      return "full";
  }
  return "none";
}

std::string optional_date(DayNumber day, DayNumber unbounded) {
  if (day == unbounded) return {};
  char text[16];
  return std::string(text, put_date(text, day));
}

// units.csv: one row per unit (the generator's units have no dated versions), successors with
// their shares when given, the rule when by commune; `codes` gets each unit's code as written.
std::string units_text(const DataSet& data, std::vector<std::string>& codes) {
  std::string text =
      "code,name,level,parent,valid_from,valid_to,successor,successor_rule,gso_code\n";
  for (const Unit& u : data.units()) {
    if (!u.history.empty()) throw Error(fmt::format("unit {}: versions are not written", u.code));
    codes.push_back(csv_field(u.code));
    std::string successors;
    for (std::size_t k = 0; k < u.successors.size(); ++k) {
      if (!successors.empty()) successors += ';';
      successors += u.successors[k];
      if (!u.successor_shares.empty()) {
        const std::uint32_t share = u.successor_shares[k];
        successors += fmt::format(":{}.{:04}", share / kShareWhole, share % kShareWhole);
      }
    }
    text += fmt::format(
        "{},{},{},{},{},{},{},{},{}\n", codes.back(), csv_field(u.name), csv_field(u.level),
        csv_field(u.parent), optional_date(u.valid_from, kFirstSupportedDay),
        optional_date(u.valid_to, kLastSupportedDay), csv_field(successors),
        u.succession == SuccessionRule::commune ? "commune" : "", csv_field(u.gso_code));
  }
  return text;
}

// Formats blocks on `threads` threads (block b goes to whichever thread is free) and writes them
// strictly in block order: a thread that finished block b waits for b's turn, then writes.
void write_blocks(const DataSet& data, const std::vector<std::string>& unit_codes,
                  const std::vector<std::string>& procedure_codes,
                  const std::vector<std::string>& communes, bool sql, unsigned threads,
                  OutFile& dossiers, OutFile& events, std::uint64_t& dossier_count,
                  std::uint64_t& event_count) {
  const std::size_t blocks = data.block_count();
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable turn_changed;
  std::size_t turn = 0;
  bool failed = false;
  std::exception_ptr error;

  auto work = [&] {
    BlockFormatter f(unit_codes, procedure_codes, communes, sql);
    for (;;) {
      const std::size_t b = next.fetch_add(1);
      if (b >= blocks) return;
      try {
        f.clear();
        data.generate_block(b, f);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!failed) error = std::current_exception();
        failed = true;
        turn_changed.notify_all();
        return;
      }
      std::unique_lock lock(mutex);
      turn_changed.wait(lock, [&] { return turn == b || failed; });
      if (failed) return;
      try {
        dossiers.write(f.dossiers.view());
        events.write(f.events.view());
      } catch (...) {
        error = std::current_exception();
        failed = true;
        turn_changed.notify_all();
        return;
      }
      dossier_count += f.dossier_count;
      event_count += f.event_count;
      ++turn;
      turn_changed.notify_all();
    }
  };

  const unsigned n = static_cast<unsigned>(std::min<std::size_t>(blocks, std::max(1u, threads)));
  if (n <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned i = 0; i + 1 < n; ++i) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace

Written write_csv(const DataSet& data, const fs::path& dir, const CsvOptions& options) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    throw Error(fmt::format("cannot create the folder {}: {}", dir.string(),
                            ec ? ec.message() : std::string("not a folder")));
  }
  OutFile units(dir / "units.csv");
  OutFile procedures(dir / "procedures.csv");
  OutFile dossiers(dir / "dossiers.csv");
  OutFile events(dir / "events.csv");

  std::vector<std::string> unit_codes, procedure_codes, communes;
  units.write(units_text(data, unit_codes));
  // The sample's dossiers name a commune (a GSO code) where the district's offices received them.
  if (data.options().profile == Profile::sample) {
    for (const Unit& u : data.units()) communes.push_back(u.gso_code);
  }
  {
    std::string text = "code,name,field,duration,duration_kind,online_level,fee,citizen\n";
    for (const Procedure& p : data.procedures()) {
      procedure_codes.push_back(csv_field(p.code));
      text +=
          fmt::format("{},{},{},{},{},{},{},{}\n", procedure_codes.back(), csv_field(p.name),
                      csv_field(p.field), duration_amount(p.duration), duration_kind(p.duration),
                      online_level(p.online), p.fee ? 1 : 0, p.citizen ? 1 : 0);
    }
    procedures.write(text);
  }
  dossiers.write(kDossierHeader);
  dossiers.write(communes.empty() ? "\n" : ",commune\n");
  events.write(kEventHeader);
  std::uint64_t dossier_count = 0, event_count = 0;
  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  write_blocks(data, unit_codes, procedure_codes, communes, options.sql_timestamps, threads,
               dossiers, events, dossier_count, event_count);

  units.close();
  procedures.close();
  dossiers.close();
  events.close();
  units.publish();
  procedures.publish();
  dossiers.publish();
  events.publish();
  return {units.result(data.units().size()), procedures.result(data.procedures().size()),
          dossiers.result(dossier_count), events.result(event_count)};
}

Written write_peer_csv(const Options& options, const fs::path& dir, unsigned threads) {
  Options peer = options;
  peer.appointments = Appointments::recorded;
  const DataSet data(peer);
  return write_csv(data, dir, {.sql_timestamps = true, .threads = threads});
}

}  // namespace parmetrics::generator
