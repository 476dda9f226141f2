// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <string_view>

namespace pb::config {

// Which program reads a key. Hub-only secrets are refused by the station outright.
enum class Scope { Station = 1, Hub = 2, Both = 3 };

// File: a readable file when set; PrivateFile: also not readable by group or others (keys).
enum class ValueType { String, Int, Bool, Enum, Url, Path, File, PrivateFile };

// One configuration key: defined once, here, with its default and scope.
struct KeyDef {
  std::string_view name;
  ValueType type;
  std::string_view defaultValue;
  Scope scope;
  bool secret = false;
  std::string_view allowed = {}; // Enum: values separated by '|'
  int min = 0;                   // Int: inclusive range
  int max = 0;
  std::string_view help = {};
};

// Typed handle for Config::get(); T is QString, int or bool.
template <typename T> struct Key {
  KeyDef def;
};

namespace keys {
// clang-format off
inline constexpr Key<QString> Environment{{"environment", ValueType::Enum, "dev", Scope::Both, false, "dev|staging|production", 0, 0, "Deployment environment"}};

inline constexpr Key<QString> StationId{{"station.id", ValueType::String, "", Scope::Station, false, {}, 0, 0, "Station name shown to leads (default: host name)"}};
inline constexpr Key<QString> StationShop{{"station.shop", ValueType::String, "", Scope::Station, false, {}, 0, 0, "Shop domain this station packs for (needed when the database holds several shops)"}};
inline constexpr Key<QString> StationLocation{{"station.location", ValueType::String, "", Scope::Station, false, {}, 0, 0, "Warehouse code this station packs for (default: first location)"}};
inline constexpr Key<int> StationIdleLockMinutes{{"station.idle_lock_minutes", ValueType::Int, "10", Scope::Station, false, {}, 0, 720, "Lock the station after this many idle minutes (0 = never)"}};
inline constexpr Key<int> StationIdleReleaseMinutes{{"station.idle_release_minutes", ValueType::Int, "15", Scope::Station, false, {}, 0, 720, "Minutes a locked station keeps renewing its open order's lease; then the lease runs out and the order goes back to the queue (0 = at once)"}};

inline constexpr Key<int> StationPrefetch{{"station.prefetch", ValueType::Int, "1", Scope::Station, false, {}, 0, 1, "PostgreSQL with offline packing: orders claimed ahead for this bench once one is open (its lease kept, its snapshot in the offline journal), so F8 opens it at once and it can be packed during a database outage (0 = off)"}};
inline constexpr Key<bool> StationOfflinePacking{{"station.offline_packing", ValueType::Bool, "true", Scope::Station, false, {}, 0, 0, "PostgreSQL: pack on through a database outage against a local journal (offline-journal.sqlite in the station's data directory), recorded when the database is back"}};
inline constexpr Key<bool> StationSounds{{"station.sounds", ValueType::Bool, "true", Scope::Station, false, {}, 0, 0, "Play feedback tones (silent anyway without an audio device)"}};

inline constexpr Key<QString> ScanningPrefix{{"scanning.prefix", ValueType::String, "", Scope::Station, false, {}, 0, 0, "Prefix the scanner is configured to send (stripped)"}};
inline constexpr Key<QString> ScanningSuffix{{"scanning.suffix", ValueType::String, "", Scope::Station, false, {}, 0, 0, "Suffix the scanner sends instead of Enter (stripped)"}};
inline constexpr Key<int> ScanningMaxGapMs{{"scanning.max_gap_ms", ValueType::Int, "40", Scope::Station, false, {}, 5, 500, "Longest gap between a scanner's keystrokes; slower input is typing"}};
inline constexpr Key<int> ScanningMinLength{{"scanning.min_length", ValueType::Int, "4", Scope::Station, false, {}, 1, 64, "Shortest keyboard burst taken as a scan"}};
inline constexpr Key<bool> ScanningUndoCapsLock{{"scanning.undo_caps_lock", ValueType::Bool, "true", Scope::Station, false, {}, 0, 0, "Wedge scans on X: undo Caps Lock, which turns the scanner's capitals into small letters (false for a scanner that follows the Caps Lock light itself)"}};
inline constexpr Key<QString> ScanningScannerLayout{{"scanning.scanner_layout", ValueType::Enum, "desktop", Scope::Station, false, "desktop|us", 0, 0, "Keyboard layout the wedge scanner types in: desktop (set to match this computer) or us (a scanner left at its factory US keyboard, on a desktop with another layout)"}};
inline constexpr Key<QString> ScanningBadgePrefix{{"scanning.badge_prefix", ValueType::String, "PB-", Scope::Station, false, {}, 0, 0, "Scans starting with this are packer badges"}};
inline constexpr Key<QString> ScanningSerialPort{{"scanning.serial_port", ValueType::String, "", Scope::Station, false, {}, 0, 0, "Serial (USB-CDC) scanner port, e.g. ttyACM0 (empty: keyboard wedge only)"}};
inline constexpr Key<int> ScanningSerialBaud{{"scanning.serial_baud", ValueType::Int, "9600", Scope::Station, false, {}, 1200, 921600, "Serial scanner baud rate"}};

inline constexpr Key<bool> PackingAutoComplete{{"packing.auto_complete", ValueType::Bool, "false", Scope::Station, false, {}, 0, 0, "Complete the order on the last good scan"}};
inline constexpr Key<bool> PackingManualNeedsLead{{"packing.manual_needs_lead", ValueType::Bool, "true", Scope::Station, false, {}, 0, 0, "Typed quantities need a lead's badge"}};

inline constexpr Key<QString> DatabaseDriver{{"database.driver", ValueType::Enum, "sqlite", Scope::Both, false, "sqlite|postgres", 0, 0, "sqlite = embedded demo database; postgres = central database"}};
inline constexpr Key<QString> DatabaseSqlitePath{{"database.sqlite_path", ValueType::Path, "", Scope::Both, false, {}, 0, 0, "SQLite file (default: user data directory)"}};
inline constexpr Key<QString> DatabaseHost{{"database.host", ValueType::String, "localhost", Scope::Both, false, {}, 0, 0, "PostgreSQL host name or socket directory"}};
inline constexpr Key<int> DatabasePort{{"database.port", ValueType::Int, "5432", Scope::Both, false, {}, 1, 65535, "PostgreSQL port"}};
inline constexpr Key<QString> DatabaseName{{"database.name", ValueType::String, "packbench", Scope::Both, false, {}, 0, 0, "PostgreSQL database name"}};
inline constexpr Key<QString> DatabaseUser{{"database.user", ValueType::String, "packbench_station", Scope::Both, false, {}, 0, 0, "PostgreSQL role"}};
inline constexpr Key<QString> DatabaseSslMode{{"database.sslmode", ValueType::Enum, "auto", Scope::Both, false, "auto|disable|allow|prefer|require|verify-ca|verify-full", 0, 0, "TLS to PostgreSQL (libpq sslmode); auto = verify-full for a host on the network, prefer for localhost and socket directories"}};
inline constexpr Key<QString> DatabaseSslRootCert{{"database.ssl_root_cert", ValueType::File, "", Scope::Both, false, {}, 0, 0, "CA certificate(s) that signed the server's certificate (PEM; default: ~/.postgresql/root.crt)"}};
inline constexpr Key<QString> DatabaseSslCert{{"database.ssl_cert", ValueType::File, "", Scope::Both, false, {}, 0, 0, "Client certificate (PEM) for servers that log stations in by certificate; needs database.ssl_key"}};
inline constexpr Key<QString> DatabaseSslKey{{"database.ssl_key", ValueType::PrivateFile, "", Scope::Both, false, {}, 0, 0, "Private key of database.ssl_cert (PEM, mode 0600)"}};
inline constexpr Key<int> DatabaseLinkTimeoutSeconds{{"database.link_timeout_seconds", ValueType::Int, "10", Scope::Both, false, {}, 2, 120, "How long a silent network path to PostgreSQL (a pulled cable, a dead switch) may hold a query before the connection counts as lost: TCP keepalives and tcp_user_timeout; the station then packs offline"}};
inline constexpr Key<QString> DatabasePassword{{"database.password", ValueType::String, "", Scope::Both, true, {}, 0, 0, "PostgreSQL password"}};

inline constexpr Key<QString> LogLevel{{"log.level", ValueType::Enum, "info", Scope::Both, false, "trace|debug|info|warn|error", 0, 0, "Lowest level written"}};
inline constexpr Key<QString> LogFormat{{"log.format", ValueType::Enum, "text", Scope::Both, false, "text|json", 0, 0, "text, or json lines (for log shippers)"}};
inline constexpr Key<QString> LogFile{{"log.file", ValueType::Path, "", Scope::Both, false, {}, 0, 0, "Rotating log file (default: user data directory; '-' = console only)"}};
inline constexpr Key<int> LogMaxSizeMb{{"log.max_size_mb", ValueType::Int, "10", Scope::Both, false, {}, 1, 1024, "Rotate the log file at this size"}};
inline constexpr Key<int> LogMaxFiles{{"log.max_files", ValueType::Int, "5", Scope::Both, false, {}, 1, 100, "Rotated log files kept"}};

inline constexpr Key<QString> PrintSlipPrinter{{"printing.slip_printer", ValueType::String, "", Scope::Station, false, {}, 0, 0, "Printer for packing slips (default: system default)"}};
inline constexpr Key<QString> PrintLabelPrinter{{"printing.label_printer", ValueType::String, "", Scope::Station, false, {}, 0, 0, "Printer or tcp://host:9100 for labels"}};
inline constexpr Key<QString> PrintSlipPaper{{"printing.slip_paper", ValueType::Enum, "letter", Scope::Station, false, "letter|a4|4x6", 0, 0, "Packing slip paper: letter, a4 or 4x6 thermal"}};
inline constexpr Key<QString> PrintSlipTemplate{{"printing.slip_template", ValueType::Path, "", Scope::Station, false, {}, 0, 0, "Custom Liquid packing-slip template (default: built-in). One that cannot be read or does not parse stops the station at the start; one that fails on an order prints the built-in slip"}};
inline constexpr Key<bool> PrintCarrierLabels{{"printing.carrier_labels", ValueType::Bool, "false", Scope::Station, false, {}, 0, 0, "Have the hub buy a carrier label for every box before an order is completed, and print it (central database only)"}};
inline constexpr Key<QString> PrintCarrierLabelFormat{{"printing.carrier_label_format", ValueType::Enum, "zpl", Scope::Station, false, "zpl|pdf|png", 0, 0, "Carrier label format: zpl goes to printing.label_printer, pdf and png to printing.label_pdf_printer"}};
inline constexpr Key<QString> PrintLabelPdfPrinter{{"printing.label_pdf_printer", ValueType::String, "", Scope::Station, false, {}, 0, 0, "CUPS printer for PDF or PNG carrier labels, 4x6 (default: system default)"}};
inline constexpr Key<bool> PrintAutoPrint{{"printing.auto_print", ValueType::Bool, "true", Scope::Station, false, {}, 0, 0, "Print slip and label when an order is completed"}};

inline constexpr Key<QString> HubListenAddress{{"hub.listen_address", ValueType::String, "127.0.0.1", Scope::Hub, false, {}, 0, 0, "IP address the webhook endpoint binds: 127.0.0.1 or localhost (this machine only), 0.0.0.0 (every IPv4 address), :: (every IPv6 address); a host name is refused"}};
inline constexpr Key<int> HubPort{{"hub.port", ValueType::Int, "8080", Scope::Hub, false, {}, 0, 65535, "Port of the webhook endpoint (0 = any free port)"}};
inline constexpr Key<int> HubMaxBodyBytes{{"hub.max_body_bytes", ValueType::Int, "2097152", Scope::Hub, false, {}, 1024, 104857600, "Largest webhook body accepted (413 above)"}};
inline constexpr Key<int> HubIngestThreads{{"hub.ingest_threads", ValueType::Int, "4", Scope::Hub, false, {}, 1, 256, "Webhook HTTP threads sharing the port (each keeps many requests in flight; about one per core)"}};
inline constexpr Key<int> HubInboxWriters{{"hub.inbox_writers", ValueType::Int, "1", Scope::Hub, false, {}, 1, 16, "Threads (and database connections) that store webhooks, each batching what waits into one commit"}};
inline constexpr Key<int> HubIngestBatch{{"hub.ingest_batch", ValueType::Int, "64", Scope::Hub, false, {}, 1, 1000, "Most webhooks stored by one INSERT and commit"}};

inline constexpr Key<QString> ShopifyShop{{"shopify.shop", ValueType::String, "", Scope::Hub, false, {}, 0, 0, "Shop domain, e.g. example.myshopify.com"}};
inline constexpr Key<QString> ShopifyApiVersion{{"shopify.api_version", ValueType::String, "2026-01", Scope::Hub, false, {}, 0, 0, "Admin API version (dated quarterly)"}};
inline constexpr Key<QString> ShopifyAdminBaseUrl{{"shopify.admin_base_url", ValueType::Url, "", Scope::Hub, false, {}, 0, 0, "Admin API base URL (default: https://{shop})"}};
inline constexpr Key<QString> ShopifyAccessToken{{"shopify.access_token", ValueType::String, "", Scope::Hub, true, {}, 0, 0, "Admin API access token"}};
inline constexpr Key<QString> ShopifyWebhookSecret{{"shopify.webhook_secret", ValueType::String, "", Scope::Hub, true, {}, 0, 0, "App client secret used to sign webhooks"}};

inline constexpr Key<QString> ShopifyShopsFile{{"shopify.shops_file", ValueType::Path, "", Scope::Hub, false, {}, 0, 0, "Private (0600) file of the further shops this hub serves: one [domain.myshopify.com] section each with access_token and optionally webhook_secret (default: shopify.webhook_secret) and admin_base_url"}};
inline constexpr Key<int> ShopifyWebhookMaxAgeSeconds{{"shopify.webhook_max_age_seconds", ValueType::Int, "21600", Scope::Hub, false, {}, 60, 604800, "Refuse a webhook whose X-Shopify-Triggered-At is older than this (Shopify retries for 4 hours with the original time; the reconcile poller reads what was refused)"}};
inline constexpr Key<int> ShopifyRequestTimeoutMs{{"shopify.request_timeout_ms", ValueType::Int, "10000", Scope::Hub, false, {}, 50, 120000, "Give up on one Admin API call after this long"}};
inline constexpr Key<int> ShopifyMaxRetries{{"shopify.max_retries", ValueType::Int, "4", Scope::Hub, false, {}, 0, 20, "Retries of a read on 5xx or time-out (jittered exponential backoff)"}};
inline constexpr Key<int> ShopifyBackoffBaseMs{{"shopify.backoff_base_ms", ValueType::Int, "500", Scope::Hub, false, {}, 1, 600000, "First retry delay; doubles per attempt, with jitter"}};
inline constexpr Key<bool> ShopifyMirrorFulfillmentOrders{{"shopify.mirror_fulfillment_orders", ValueType::Bool, "true", Scope::Hub, false, {}, 0, 0, "Read each order's fulfillment orders from Shopify (one per assigned location) before stations see it (off: one at the shop's first location, for a hub without Admin API access)"}};
inline constexpr Key<QString> ShopifyLocationCodes{{"shopify.location_codes", ValueType::String, "", Scope::Hub, false, {}, 0, 0, "Warehouse codes stations use for Shopify locations: CODE=location id or exact name, comma-separated (e.g. RNO=74213,CMH=Columbus DC); unmapped locations get L<id>"}};
inline constexpr Key<bool> HubInboxProcessing{{"hub.inbox_processing", ValueType::Bool, "true", Scope::Hub, false, {}, 0, 0, "Map stored webhooks to orders in this instance (off: only receive)"}};
inline constexpr Key<int> HubInboxNice{{"hub.inbox_nice", ValueType::Int, "10", Scope::Hub, false, {}, 0, 19, "Linux nice value of the inbox-processing thread: under load it yields the CPU to webhook ingest"}};
inline constexpr Key<int> HubInboxBatchSize{{"hub.inbox_batch_size", ValueType::Int, "32", Scope::Hub, false, {}, 1, 64, "Webhook inbox rows mapped per transaction (each in its own savepoint; 1 = one row per transaction)"}};
inline constexpr Key<int> HubWebhookRetentionDays{{"hub.webhook_retention_days", ValueType::Int, "30", Scope::Hub, false, {}, 0, 3650, "Blank a mapped (or dead) webhook's stored body this many days after it arrived: the order keeps what packing needs, and no second copy of customer data is kept (0 = keep forever). Its signed hash stays, so a replay is still refused as a duplicate"}};
inline constexpr Key<int> HubLabelRetentionDays{{"hub.label_retention_days", ValueType::Int, "30", Scope::Hub, false, {}, 0, 3650, "Clear a printed label's bytes (its print job and the carrier label) this many days after it printed: a label prints the ship-to address. After that it cannot be reprinted; its tracking number stays (0 = keep forever)"}};
inline constexpr Key<int> HubOutboxLeaseSeconds{{"hub.outbox_lease_seconds", ValueType::Int, "120", Scope::Hub, false, {}, 1, 3600, "How long a worker owns a claimed outbox row"}};
inline constexpr Key<int> HubOutboxMaxAttempts{{"hub.outbox_max_attempts", ValueType::Int, "25", Scope::Hub, false, {}, 1, 1000, "Attempts before an outbox row is marked dead"}};
inline constexpr Key<int> HubOutboxWorkers{{"hub.outbox_workers", ValueType::Int, "2", Scope::Hub, false, {}, 1, 32, "Outbox worker threads sharing one Shopify cost budget (more hide round trips)"}};
inline constexpr Key<int> HubReapIntervalSeconds{{"hub.reap_interval_seconds", ValueType::Int, "15", Scope::Hub, false, {}, 0, 3600, "Return expired pack-station leases to the queue this often (0 = off: orders of crashed stations stay claimed)"}};
inline constexpr Key<int> HubReconcileIntervalSeconds{{"hub.reconcile_interval_seconds", ValueType::Int, "300", Scope::Hub, false, {}, 0, 86400, "Poll Shopify for orders whose webhooks never came (0 = off)"}};
inline constexpr Key<int> HubStopGraceSeconds{{"hub.stop_grace_seconds", ValueType::Int, "20", Scope::Hub, false, {}, 1, 600, "On SIGTERM/SIGINT, how long outbox calls in flight may finish (keep under systemd's TimeoutStopSec)"}};

inline constexpr Key<QString> CarrierApiKey{{"carrier.api_key", ValueType::String, "", Scope::Hub, true, {}, 0, 0, "Carrier label API key (ShipEngine / ShipStation API v2; keys starting TEST_ are the sandbox)"}};
inline constexpr Key<QString> CarrierApiBaseUrl{{"carrier.api_base_url", ValueType::Url, "https://api.shipengine.com", Scope::Hub, false, {}, 0, 0, "Carrier label API base URL"}};
inline constexpr Key<int> CarrierRequestTimeoutMs{{"carrier.request_timeout_ms", ValueType::Int, "15000", Scope::Hub, false, {}, 100, 120000, "Give up waiting for one carrier answer after this long (a purchase is then looked up, not repeated)"}};
inline constexpr Key<int> CarrierMaxRetries{{"carrier.max_retries", ValueType::Int, "3", Scope::Hub, false, {}, 0, 20, "Retries of a carrier call on 5xx or a lost answer (jittered exponential backoff)"}};
inline constexpr Key<int> CarrierBackoffBaseMs{{"carrier.backoff_base_ms", ValueType::Int, "1000", Scope::Hub, false, {}, 1, 600000, "First carrier retry delay; doubles per attempt, with jitter"}};
inline constexpr Key<int> CarrierLabelWorkers{{"carrier.label_workers", ValueType::Int, "1", Scope::Hub, false, {}, 0, 8, "Threads buying carrier labels for stations (0 = off; needs carrier.api_key)"}};
inline constexpr Key<int> CarrierRequestsPerMinute{{"carrier.requests_per_minute", ValueType::Int, "200", Scope::Hub, false, {}, 1, 100000, "Carrier API calls per minute this hub may make with its key (ShipEngine allows 200)"}};
inline constexpr Key<int> TrackingRequestsPerMinute{{"tracking.requests_per_minute", ValueType::Int, "60", Scope::Hub, false, {}, 0, 100000, "Of carrier.requests_per_minute, how many tracking polls may use (the rest stays for labels; 0 = tracking events off)"}};
inline constexpr Key<int> TrackingFirstIntervalSeconds{{"tracking.first_interval_seconds", ValueType::Int, "1800", Scope::Hub, false, {}, 1, 86400, "First poll of a shipment's tracking after its fulfillment is at Shopify, and again after each change"}};
inline constexpr Key<int> TrackingMaxIntervalSeconds{{"tracking.max_interval_seconds", ValueType::Int, "21600", Scope::Hub, false, {}, 1, 604800, "Longest wait between polls of a shipment whose status does not change (the wait doubles up to this)"}};
inline constexpr Key<int> TrackingGiveUpDays{{"tracking.give_up_days", ValueType::Int, "45", Scope::Hub, false, {}, 1, 365, "Stop following a shipment not delivered after this many days"}};
// clang-format on
} // namespace keys

// Every key, in the order --print-config lists them.
const QList<const KeyDef *> &allKeys();
const KeyDef *findKey(QStringView name);

// PACKBENCH_DATABASE_HOST for database.host.
QString environmentName(const KeyDef &key);

QString toQString(std::string_view text);

} // namespace pb::config
