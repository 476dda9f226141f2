<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CommandSheet</name>
    <message>
        <source>Acknowledge an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the next box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the order on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold: item damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold: item missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual quantity (needs a lead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint slip and label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packbench command barcodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packbench — command barcodes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommonOptions</name>
    <message>
        <source>Read configuration from &lt;file&gt; (overrides system and user files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override one key, e.g. --set log.level=debug (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the effective configuration and where each value came from, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore the system and user config files.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Packbench pack station: scan, verify, print, ship.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a screenshot of the station window to &lt;png&gt; and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packbench cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded demo database (SQLite): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Central database (PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a printable PDF of the command barcodes to &lt;pdf&gt; and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start as for a packer, check the database, the shop scope, the queue and its notifications, print the results and exit (0 = all passed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not set up on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slip printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label printer (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline packing is off at this bench: its journal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The print service (CUPS) does not answer: nothing prints until it does; what fails waits in the print jobs list (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the packing slip (printing.slip_template, printing.slip_paper) on a sample order, to print on printing.slip_printer; with --screenshot, save it and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packbench is already running at this bench (process %1). Use its window; if none shows, it is still closing: start it again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packbench is already running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::carriers::ShipEngineCarrier</name>
    <message>
        <source>label not bought: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rates need a carrier and a package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tracking needs a carrier and a number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::config::ConfigLoader</name>
    <message>
        <source>configuration rejected:
  </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown key &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: secret &apos;%2&apos; may only come from a private (0600) file, &apos;%2_file&apos; or the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;database.ssl_cert&apos; and &apos;database.ssl_key&apos; must be set together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is a hub secret; stations never hold Shopify or carrier secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot read secret file for &apos;%2&apos;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: secret file &apos;%2&apos; for &apos;%3&apos; must have mode 0600 or stricter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: invalid value %2 for &apos;%3&apos;: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: config file not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2_file&apos; names no file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::db::Connection</name>
    <message>
        <source>Qt SQL driver %1 is not installed (Debian: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create directory for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::db::MigrationRunner</name>
    <message>
        <source>database schema version %1 is newer than this program understands (%2); upgrade Packbench before using this database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>migration %1_%2 was changed after it was applied (checksum mismatch); migrations are forward-only: add a new one instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database schema version %1 is older than this program needs (%2); run &apos;packbench-hub migrate&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::db::Reconnector</name>
    <message>
        <source>database unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database unavailable; reconnecting in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::documents::PrintJournal</name>
    <message>
        <source>print job %1 not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print job %1 is already %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed: the station stopped before this job went out. R reprints it, M sends it to another printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print job %1 cannot be printed again: its label is no longer kept (a voided label at once, others a while after printing, and when the customer asks to be forgotten). Buy a new label if the box still needs one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::documents::SlipTemplate</name>
    <message>
        <source>template of %1 characters exceeds the limit of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the slip template %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the slip template %1 is larger than %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the slip template %1 is broken: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::packing::LeasedQueueWorkflow</name>
    <message>
        <source>This order changed while it was being packed: more items were verified than it now asks for. Nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not every item was verified in this pack attempt; nothing was recorded. Scan the missing items or ship partial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was verified in this pack attempt; nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was opened without a claim.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a lead can take over an order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a lead can release a hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::packing::PackOrder</name>
    <message>
        <source>no catalogue item for the scanned code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::packing::PackSession</name>
    <message>
        <source>a pack session needs a signed-in packer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::packing::PackTracking</name>
    <message>
        <source>box %1 already has a tracking number that conflicts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::packing::PackWorkflow</name>
    <message>
        <source>this station cannot take orders over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this station cannot release holds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::packing::Packers</name>
    <message numerus="yes">
        <source>Too many wrong PINs — try again in %n s</source>
        <translation>
            <numerusform>Too many wrong PINs — try again in %n second</numerusform>
            <numerusform>Too many wrong PINs — try again in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown packer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>badge is deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>badge or PIN not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lead badge or PIN not accepted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::printing::HandoffSheetDocument</name>
    <message>
        <source>Driver hand-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n manifest</numerusform>
            <numerusform>%n manifests</numerusform>
        </translation>
    </message>
    <message>
        <source>The driver counts the parcels of each carrier, takes them with that carrier&apos;s manifest, and signs below. Keep this sheet with the day&apos;s papers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driver&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::printing::JournaledPrinter</name>
    <message>
        <source>Print job %1 is already closed (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print job %1 is being sent right now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::printing::LabelSender</name>
    <message>
        <source>no label printer configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad label printer address &apos;%1&apos; (want tcp://host:9100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad CUPS queue name &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing to label printer %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label printer %1 did not accept the connection: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label printer %1 did not accept the connection: no answer in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label printer %1 stopped taking data (%2 of %3 bytes sent): no progress in %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot run lp: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUPS refused the label for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lp did not finish for queue %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::printing::SlipRenderer</name>
    <message>
        <source>The printer could not start a page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packing slip %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n packing slip(s)</source>
        <translation>
            <numerusform>%n packing slip</numerusform>
            <numerusform>%n packing slips</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot start the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer refused a new page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — continued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) of this slip cannot be printed (no installed font has them: %1); they are shown as ?.</source>
        <translation>
            <numerusform>%n character of this slip cannot be printed (no installed font has it: %1); it is shown as ?.</numerusform>
            <numerusform>%n characters of this slip cannot be printed (no installed font has them: %1); they are shown as ?.</numerusform>
        </translation>
    </message>
    <message>
        <source>Custom slip template not used: %1. This is the built-in slip.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::printing::SystemPrinter</name>
    <message>
        <source>Printer &apos;%1&apos; was not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer &apos;%1&apos; is stopped or offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer &apos;%1&apos; cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packing slip %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer &apos;%1&apos; refused the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The slip printed without %n character(s) that no installed font has (%1): they are marked ? on it. Install a font that has them, then reprint.</source>
        <translation>
            <numerusform>The slip printed without %n character that no installed font has (%1): it is marked ? on it. Install a font that has it, then reprint.</numerusform>
            <numerusform>The slip printed without %n characters that no installed font has (%1): they are marked ? on it. Install a font that has them, then reprint.</numerusform>
        </translation>
    </message>
    <message>
        <source>The label is not a readable image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZPL labels go to a label printer raw, not through QPrinter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The label is not a readable PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipping label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer &apos;%1&apos; refused a new page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No default printer: this computer names none, or its print service (CUPS) did not answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::queue::OrderQueue</name>
    <message>
        <source>This order was edited after it was opened for packing; nothing was recorded. Put the items back and pack it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such order in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is on hold: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is already packed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is being packed at another station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lease on this order was lost; it went back to the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hold needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is not on hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order changed while it was being packed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::queue::StationRegistration</name>
    <message>
        <source>no data directory for the station&apos;s identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the station identity file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the station identity file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>station name is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>station installation id is empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::queue::StationSite</name>
    <message>
        <source>No shop %1 in this database (station.shop).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop %1 has no location with code %2 (station.location).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Set station.shop and station.location: the database holds %n shop(s).</source>
        <translation>
            <numerusform>Set station.shop and station.location: the database holds %n shop.</numerusform>
            <numerusform>Set station.shop and station.location: the database holds %n shops.</numerusform>
        </translation>
    </message>
    <message>
        <source>No location with code %1 (station.location).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location code %1 exists in more than one shop: set station.shop to the shop&apos;s domain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::station::OfflineLeadApprovals</name>
    <message>
        <source>Offline, only a lead who approved at this bench in the last 12 hours can approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No approvals offline left for this lead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::station::StationController</name>
    <message>
        <source>Database unavailable · reconnect attempt %1 failed · next attempt in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database problem: cannot read warehouses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No warehouses configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database problem: the queue could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All caught up — nothing to pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready · next: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F8 to take it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database problem: cannot sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order cannot be packed now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was packed or cancelled meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database problem — call the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not take an order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again or call the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another station has this order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F8 for the next one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete — but NOT recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is unavailable; the order is recorded as packed as soon as it is back. Keep the box on the bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was NOT recorded as packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was taken back — stop packing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put its items back on the shelf: it went back to the queue and is packed again from the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order changed or cancelled — stop packing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the items back and press F8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out · order %1 went back to the queue: put its items back on the shelf</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity</source>
        <translation>
            <numerusform>Locked after %n minute without activity</numerusform>
            <numerusform>Locked after %n minutes without activity</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 went back to the queue while the station was locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put its items back on the shelf; press F8 for the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lead can approve with badge and PIN · Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take order %1 over from the other station? Packing starts again from the first item here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release the hold on order %1? It goes back to the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database problem — try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 was not taken over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 taken over · scan every item from the first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything picked for it at the other bench goes back to the shelf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hold on order %1 was not released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold released · order %1 is back in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter on it to pack it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed — but the slip and the label did not print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed — but the slip did not print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed — but the label did not print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job is in the print journal; scan REPRINT to print it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed — but the slip is missing characters and the label did not print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed — but the slip is missing characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to reprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPRINT prints the last finished order&apos;s slip and label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reprinted: the print journal could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was printed for the last order at this station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprinted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reprinted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer refused it; the job is in the print journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is complete and is recorded as packed when the database is back. Keep the box on the bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1: %2 of %3 items are saved. Keep the box on the bench; scans count again once the database is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans do not count until the database is back. Nothing already saved is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused — waiting for the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans count again once it is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database unavailable — reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database unavailable · reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It changed or was taken back — stop packing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ ORDER %1 COMPLETE — recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is back · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was taken back while the database was away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop packing it; press F8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order went back to the queue while the database was away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is yours again, from the first item: put what is in the box back and scan everything again</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Database back · %n item(s) to go</source>
        <translation>
            <numerusform>Database back · %n item to go</numerusform>
            <numerusform>Database back · %n items to go</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) made as it went away were saved after all — check the count</source>
        <translation>
            <numerusform>%n scan made as it went away were saved after all — check the count</numerusform>
            <numerusform>%n scans made as it went away were saved after all — check the count</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ NOT COUNTED — database unavailable, reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was not a badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order is finished — press F8 for the next one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is a carton label, not an item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That barcode is not an item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F8 to take the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan ACK or press Enter to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1 is still empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not complete: %n item(s) still to scan</source>
        <translation>
            <numerusform>Not complete: %n item still to scan</numerusform>
            <numerusform>Not complete: %n items still to scan</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot complete now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing verified yet to ship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot ship partial now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: a lead&apos;s badge and PIN are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual quantity refused: check quantity and reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badge or PIN not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: that is not an active lead&apos;s badge and PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprinting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print job %1 cannot be reprinted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This station has no printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint the slip of print job %1 on %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint the label of print job %1 on %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print job %1 cannot be moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the slip of print job %1 to %2 instead of %3?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the label of print job %1 to %2 instead of %3?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lead approves with badge and PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print job %1 was not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print job %1 was not sent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print job %1 sent to %2 as job %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print job %1 reprinted as job %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list shows how it goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in again · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order is complete but NOT recorded yet: it is recorded as soon as you sign in again. Keep the box on the bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hold is NOT recorded yet: it is recorded as soon as you sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing of your last step was saved: sign in again and repeat it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in has ended — sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a weight: %1 g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the box&apos;s weight in grams (1 g to 150 kg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weigh box %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A carrier label needs the box&apos;s weight: enter it in grams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database problem: the label could not be asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order waits; press F9 to try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buying label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1 of %2 · the hub is buying it from the carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weigh box %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No label for box %1: the carrier refused it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · F9 asks again · F4 puts the order on hold for the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier not answering — buying the label as soon as it does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order waits here and nothing is lost: keep box %1 on the bench, or F4 to put it on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No label yet: the carrier is not set up for this order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · F4 puts the order on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label bought but not printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the label printer, then press F9 to print it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label sent to the printer · box %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label of box %1 voided — do not ship it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the lead is told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carrier label of box %1 did not print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not put on hold: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold — waiting for the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any label already bought is voided by the hub; keep the box aside with its slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No end of day at this station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier manifests need the central database and a printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end of day is under way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub is making the carrier manifests of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the day at %1? The carrier manifests of today&apos;s labels are made and printed here with the driver hand-off sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end of day was not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the carrier manifests…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub sends today&apos;s labels of %1 to the carriers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No parcels to put on a manifest at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of day not done: no manifest printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · F10 asks again</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %n parcel(s)</source>
        <translation>
            <numerusform>%1 %n parcel</numerusform>
            <numerusform>%1 %n parcels</numerusform>
        </translation>
    </message>
    <message>
        <source>the hand-off sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifests made, but not everything printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed: %1 · F4 shows the print jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>End of day: %n parcel(s) on %1</source>
        <translation>
            <numerusform>End of day: %n parcel on %1</numerusform>
            <numerusform>End of day: %n parcels on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n manifest</numerusform>
            <numerusform>%n manifests</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · the manifests and the driver hand-off sheet are printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Offline — %n event(s) waiting</source>
        <translation>
            <numerusform>Offline — %n event waiting</numerusform>
            <numerusform>Offline — %n events waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1: %2 of %3 items scanned. Keep packing: it is recorded when the database is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This needs the database — keep scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline scans NOT recorded — the order changed meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) are kept at this bench for the lead. Set the box aside with the order.</source>
        <translation>
            <numerusform>%n scan is kept at this bench for the lead. Set the box aside with the order.</numerusform>
            <numerusform>%n scans are kept at this bench for the lead. Set the box aside with the order.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline — keep packing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans and new boxes are kept at this bench and recorded when the database is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n found at the carrier after a lost answer</source>
        <translation>
            <numerusform>%n found at the carrier after a lost answer</numerusform>
            <numerusform>%n found at the carrier after a lost answer</numerusform>
        </translation>
    </message>
    <message>
        <source>An order packed offline is recorded now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next order waits for the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This one is packed and kept at this bench; press F8 again once the database is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is packed at this bench and recorded when the database is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete — but NOT kept at this bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the box on the bench and call the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed offline — will be sent when the database is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1: its carrier label is bought and printed once the database is back. Keep the box on the bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1: keep the box with its slip. The next order is taken once the database is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed offline and recorded now that the database is back · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 resumed · %2 of %3 items already scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station stopped while it was packed here: the box on the bench is this order&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press F8 to take it (kept for this bench)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1: keep the box with its slip. F8 takes the next order, kept for this bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next order %1 is kept for this bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — next order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was kept for this bench: pack it as usual, it is recorded when the database is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order packed offline was NOT recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was taken back or cancelled meanwhile: set its box aside for the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It went back to the queue while the database was away: set its box aside for the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — press F8 for the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 was kept for this bench: pack it as usual, it is recorded when the database is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline · F8 takes the order kept for this bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order put on hold offline is recorded now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This one is set aside for the lead; press F8 again once the database is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is set aside for the lead and put on hold when the database is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold — but NOT kept at this bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold offline — recorded when the database is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1: set the box aside for the lead. F8 takes the next order, kept for this bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1: set the box aside for the lead. The next order is taken once the database is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is on hold — recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its box waits for the lead · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals need the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold — but NOT recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is unavailable; the order is put on hold as soon as it is back. Keep the box on the bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order was NOT put on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is put on hold when the database is back. Keep the box on the bench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ON HOLD: %1 — recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the items on the hold shelf: they are scanned again when the hold is released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 changed or cancelled — stop packing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put its items back on the shelf: it does not ship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put its items back: it is packed again from the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1. %n scan(s) made offline are kept for the lead.</source>
        <translation>
            <numerusform>%1. %n scan made offline is kept for the lead.</numerusform>
            <numerusform>%1. %n scans made offline are kept for the lead.</numerusform>
        </translation>
    </message>
    <message>
        <source>This order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was cancelled — NOT put on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was cancelled — NOT recorded as packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was cancelled — stop packing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed — NOT put on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed — NOT recorded as packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed — stop packing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 was cancelled meanwhile: its box does not ship. Unpack it and put the items back on the shelf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 changed meanwhile: set its box aside for the lead; the order is packed again from the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · enter its weight in grams · F4 puts the order on hold for the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 was taken back meanwhile (another bench or a lead has it): set its box aside for the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order was taken. Try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It came with %1, which no barcode has: the scanner may be set to another keyboard layout (a lead sets scanning.scanner_layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was not a badge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database did not answer: scan REPRINT again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>✔ ORDER %1 COMPLETE — %n label(s) printed</source>
        <translation>
            <numerusform>✔ ORDER %1 COMPLETE — %n label printed</numerusform>
            <numerusform>✔ ORDER %1 COMPLETE — %n labels printed</numerusform>
        </translation>
    </message>
    <message>
        <source>Shipped partial: the rest stays open in Shopify and is not queued here again · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the label on the box · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put each label on its box · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the label printer, then scan REPRINT: the order is packed and its label bought (nothing is bought again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The carrier label of box %1 printed after all</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: no label printed for box %2 yet</source>
        <translation>
            <numerusform>%1: no label printed for box %2 yet</numerusform>
            <numerusform>%1: no labels printed for boxes %2 yet</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan REPRINT once the label printer is ready · F8 again takes the next order anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan REPRINT once the label printer is ready: the order is packed and its label bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan REPRINT once the label printer is ready: the order is packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The label of box %1 printed after all</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No label on box %1 yet: scan REPRINT to print the order&apos;s labels again</source>
        <translation>
            <numerusform>No label on box %1 yet: scan REPRINT to print the order&apos;s labels again</numerusform>
            <numerusform>No labels on boxes %1 yet: scan REPRINT to print the order&apos;s labels again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labels</source>
        <translation>
            <numerusform>%n label</numerusform>
            <numerusform>%n labels</numerusform>
        </translation>
    </message>
    <message>
        <source>Every item is in a box — F9 completes the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing out, and reprints of earlier orders, work again once it is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan REPRINT to print it again: it works offline too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprinted: %1 — but not the %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer refused it; scan REPRINT again once it is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the label on the box · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::BenchScreen</name>
    <message>
        <source>&lt;b&gt;Packbench&lt;/b&gt; · station %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::BoxWeightPanel</name>
    <message>
        <source>&amp;Weight:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight in grams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weigh box &lt;b&gt;%1&lt;/b&gt; for its carrier label</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::CustomerTextLabel</name>
    <message>
        <source>… (cut here: F3 shows all of it)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::DatabaseWaitWindow</name>
    <message>
        <source>Packbench — %1 (waiting for the database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q closes Packbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the station…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refused this station&apos;s login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the lead: the station login or its password needs fixing. This bench starts by itself once it is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the central database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This bench starts by itself as soon as the database answers. Nothing is lost; if it takes more than a few minutes, tell the lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trying now (try %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n s (try %1)</source>
        <translation>
            <numerusform>Trying again in %n s (try %1)</numerusform>
            <numerusform>Trying again in %n s (try %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order %1 is on this bench: keep its box here. %n step(s) done offline are kept and are recorded when the database is back.</source>
        <translation>
            <numerusform>Order %1 is on this bench: keep its box here. %n step done offline is kept and is recorded when the database is back.</numerusform>
            <numerusform>Order %1 is on this bench: keep its box here. %n steps done offline are kept and are recorded when the database is back.</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 is on this bench: keep its box here. It opens again when you sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The central database is being upgraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This bench starts by itself once the upgrade is done (packbench-hub migrate). Nothing is lost; if it takes more than a few minutes, tell the lead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::LeadApprovalPanel</name>
    <message>
        <source>Lead &amp;badge:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan lead badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan a lead badge first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the lead&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::PackLinesModel</name>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n more</numerusform>
            <numerusform>%n more</numerusform>
        </translation>
    </message>
    <message>
        <source>To scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, bin %3, %4 of %5 scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No barcode · F2 to count</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::PackView</name>
    <message>
        <source>Items verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items in this order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F2 manual quantity · F4 hold · F6 next box · F9 complete · F10 ship partial · Enter acknowledges an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No barcode on item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode will not scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lead badge:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan lead badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LATE — ship by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ship by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIFT — add a card: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 items verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scan the items · %n to go</source>
        <translation>
            <numerusform>Scan the items · %n to go</numerusform>
            <numerusform>Scan the items · %n to go</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan ACK or press Enter to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ %1  %2 / %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) to go</source>
        <translation>
            <numerusform>%n item to go</numerusform>
            <numerusform>%n items to go</numerusform>
        </translation>
    </message>
    <message>
        <source>All items verified — press F9 to complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ WRONG ITEM: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not on this order — put it back. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ UNKNOWN BARCODE %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the item aside for the lead. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ TOO MANY: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This line is already complete — take one out. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ BARCODE NOT READABLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan, or press F2 to enter the quantity. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Error cleared · %n to go</source>
        <translation>
            <numerusform>Error cleared · %n to go</numerusform>
            <numerusform>Error cleared · %n to go</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1 started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ON HOLD: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ ORDER %1 COMPLETE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seal the box · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ NOT SAVED — database problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was counted. Scan the item again; call the lead if this repeats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual: &lt;b&gt;%1&lt;/b&gt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual quantity for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hold because:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item missing from bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong item in bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer asked to change the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put this order on hold?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reason and press Enter · Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ship partial because:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer agreed to split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ship %1 of %2 items now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the items on the hold shelf: they are scanned again when the hold is released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead badge %1 · type the lead&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter approves · Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reason, then a lead scans their badge and types their PIN · Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lead must scan their badge and type their PIN to approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ %1 label %2 on box %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ LABEL NOT ATTACHED: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1 already has %2 %3 — press F6 to start a new box for this label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That label is already on box %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1 ships with %2: all boxes of an order go with one carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database did not take it — scan it again; call the lead if this repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If it is a %1 label: scan ACK, then scan it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ NOT SAVED — the sign-in had ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was counted. Repeat the last scan or step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same barcode as %1: check you hold %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped partial (%1). The rest stays open in Shopify and is not queued here again · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F8 takes the next order · scan REPRINT to print its slip and label again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete · waiting for the carrier label · F9 asks again · F4 puts the order on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seal the %1 boxes · F8 takes the next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already on this box · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept at this bench until the database is back · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::PrintJobsModel</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trying again (attempt %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default printer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label · box %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::PrintJobsView</name>
    <message>
        <source>Print jobs at this bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send it to which printer? ↑ ↓ then Enter · Esc goes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R reprint · M send to another printer · a lead approves with badge and PIN · F5 refresh · Esc back to the orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The print journal could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no other printer to send it to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::QueueTableModel</name>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late by %1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> / %n line(s)</source>
        <translation>
            <numerusform> / %n line</numerusform>
            <numerusform> / %n lines</numerusform>
        </translation>
    </message>
    <message>
        <source>Being packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1, %2, ship %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipping method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::SignInView</name>
    <message>
        <source>No badge? Type your badge number and PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badge number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. PB-1001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Badge:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan your badge, then type your PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badge %1 · type your PIN and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not your badge? Scan yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan your badge or type its number, then type your PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::SlipPreviewDialog</name>
    <message>
        <source>Packing slip %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot render the slip: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The custom template failed (%1); showing the built-in slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No printer: set printing.slip_printer, or a default printer on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1, with characters no installed font has: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to the default printer…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pb::ui::StationWindow</name>
    <message>
        <source>Packbench — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;next order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting at %1</source>
        <translation>
            <numerusform>%n order waiting at %1</numerusform>
            <numerusform>%n orders waiting at %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Packer: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print jobs at this bench, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F8 take the next order · Enter pack the selected order · F5 refresh · F4 print jobs · F10 end of day · Ctrl+Q or scan SIGN OUT to sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner: looking for it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner on %1 NOT connected — check its cable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
