<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandSheet</name>
    <message>
        <source>Acknowledge an error</source>
        <translation>Fehler bestätigen</translation>
    </message>
    <message>
        <source>Complete the order</source>
        <translation>Bestellung abschließen</translation>
    </message>
    <message>
        <source>Start the next box</source>
        <translation>Nächsten Karton beginnen</translation>
    </message>
    <message>
        <source>Put the order on hold</source>
        <translation>Bestellung zurückstellen</translation>
    </message>
    <message>
        <source>Hold: item damaged</source>
        <translation>Zurückstellen: Artikel beschädigt</translation>
    </message>
    <message>
        <source>Hold: item missing</source>
        <translation>Zurückstellen: Artikel fehlt</translation>
    </message>
    <message>
        <source>Manual quantity (needs a lead)</source>
        <translation>Menge von Hand (Schichtleitung nötig)</translation>
    </message>
    <message>
        <source>Reprint slip and label</source>
        <translation>Lieferschein und Etikett neu drucken</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Packbench command barcodes</source>
        <translation>Packbench-Befehlsbarcodes</translation>
    </message>
    <message>
        <source>Packbench — command barcodes</source>
        <translation>Packbench — Befehlsbarcodes</translation>
    </message>
</context>
<context>
    <name>CommonOptions</name>
    <message>
        <source>Read configuration from &lt;file&gt; (overrides system and user files).</source>
        <translation>Konfiguration aus &lt;file&gt; lesen (ersetzt System- und Benutzerdateien).</translation>
    </message>
    <message>
        <source>Override one key, e.g. --set log.level=debug (repeatable).</source>
        <translation>Einen Schlüssel überschreiben, z. B. --set log.level=debug (mehrfach möglich).</translation>
    </message>
    <message>
        <source>Print the effective configuration and where each value came from, then exit.</source>
        <translation>Die wirksame Konfiguration und die Herkunft jedes Werts ausgeben, dann beenden.</translation>
    </message>
    <message>
        <source>Ignore the system and user config files.</source>
        <translation>System- und Benutzerkonfigurationsdateien ignorieren.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Packbench pack station: scan, verify, print, ship.</source>
        <translation>Packbench-Packplatz: scannen, prüfen, drucken, versenden.</translation>
    </message>
    <message>
        <source>Save a screenshot of the station window to &lt;png&gt; and exit.</source>
        <translation>Ein Bildschirmfoto des Packplatzfensters in &lt;png&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>Packbench cannot start</source>
        <translation>Packbench kann nicht starten</translation>
    </message>
    <message>
        <source>Embedded demo database (SQLite): %1</source>
        <translation>Eingebaute Demo-Datenbank (SQLite): %1</translation>
    </message>
    <message>
        <source>Central database (PostgreSQL)</source>
        <translation>Zentrale Datenbank (PostgreSQL)</translation>
    </message>
    <message>
        <source>Write a printable PDF of the command barcodes to &lt;pdf&gt; and exit.</source>
        <translation>Ein druckbares PDF der Befehlsbarcodes in &lt;pdf&gt; schreiben und beenden.</translation>
    </message>
    <message>
        <source>Start as for a packer, check the database, the shop scope, the queue and its notifications, print the results and exit (0 = all passed).</source>
        <translation>Wie für einen Packer starten, Datenbank, Shop-Bereich, Warteschlange und deren Benachrichtigungen prüfen, Ergebnisse ausgeben und beenden (0 = alles bestanden).</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not set up on this computer</source>
        <translation>%1 „%2“ ist auf diesem Computer nicht eingerichtet</translation>
    </message>
    <message>
        <source>Slip printer</source>
        <translation>Lieferscheindrucker</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>Etikettendrucker</translation>
    </message>
    <message>
        <source>Label printer (PDF)</source>
        <translation>Etikettendrucker (PDF)</translation>
    </message>
    <message>
        <source>Offline packing is off at this bench: its journal %1</source>
        <translation>Offline-Packen ist an diesem Packplatz aus: sein Journal %1</translation>
    </message>
    <message>
        <source>The print service (CUPS) does not answer: nothing prints until it does; what fails waits in the print jobs list (F4)</source>
        <translation>Der Druckdienst (CUPS) antwortet nicht: Bis er antwortet, wird nichts gedruckt; was fehlschlägt, wartet in der Liste der Druckaufträge (F4)</translation>
    </message>
    <message>
        <source>Show the packing slip (printing.slip_template, printing.slip_paper) on a sample order, to print on printing.slip_printer; with --screenshot, save it and exit.</source>
        <translation>Den Lieferschein (printing.slip_template, printing.slip_paper) an einer Beispielbestellung zeigen, zum Drucken auf printing.slip_printer; mit --screenshot speichern und beenden.</translation>
    </message>
    <message>
        <source>Packbench is already running at this bench (process %1). Use its window; if none shows, it is still closing: start it again in a minute.</source>
        <translation>Packbench läuft an diesem Packplatz schon (Prozess %1). Nutzen Sie dessen Fenster; wenn keines zu sehen ist, wird es noch geschlossen: starten Sie es in einer Minute noch einmal.</translation>
    </message>
    <message>
        <source>Packbench is already running</source>
        <translation>Packbench läuft schon</translation>
    </message>
</context>
<context>
    <name>pb::carriers::ShipEngineCarrier</name>
    <message>
        <source>label not bought: </source>
        <translation>Etikett nicht gekauft: </translation>
    </message>
    <message>
        <source>rates need a carrier and a package</source>
        <translation>Tarife brauchen einen Versanddienst und ein Paket</translation>
    </message>
    <message>
        <source>tracking needs a carrier and a number</source>
        <translation>Sendungsverfolgung braucht einen Versanddienst und eine Nummer</translation>
    </message>
</context>
<context>
    <name>pb::config::ConfigLoader</name>
    <message>
        <source>configuration rejected:
  </source>
        <translation>Konfiguration abgelehnt:
  </translation>
    </message>
    <message>
        <source>%1: unknown key &apos;%2&apos;</source>
        <translation>%1: unbekannter Schlüssel „%2“</translation>
    </message>
    <message>
        <source>%1: secret &apos;%2&apos; may only come from a private (0600) file, &apos;%2_file&apos; or the environment</source>
        <translation>%1: das Geheimnis „%2“ darf nur aus einer privaten Datei (0600), „%2_file“ oder der Umgebung kommen</translation>
    </message>
    <message>
        <source>&apos;database.ssl_cert&apos; and &apos;database.ssl_key&apos; must be set together</source>
        <translation>„database.ssl_cert“ und „database.ssl_key“ müssen zusammen gesetzt sein</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is a hub secret; stations never hold Shopify or carrier secrets</source>
        <translation>%1: „%2“ ist ein Hub-Geheimnis; Stationen halten nie Shopify- oder Versanddienst-Geheimnisse</translation>
    </message>
    <message>
        <source>%1: cannot read secret file for &apos;%2&apos;: %3</source>
        <translation>%1: Geheimnisdatei für „%2“ kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>%1: secret file &apos;%2&apos; for &apos;%3&apos; must have mode 0600 or stricter</source>
        <translation>%1: die Geheimnisdatei „%2“ für „%3“ muss Modus 0600 oder strenger haben</translation>
    </message>
    <message>
        <source>%1: invalid value %2 for &apos;%3&apos;: %4</source>
        <translation>%1: ungültiger Wert %2 für „%3“: %4</translation>
    </message>
    <message>
        <source>%1: config file not found</source>
        <translation>%1: Konfigurationsdatei nicht gefunden</translation>
    </message>
    <message>
        <source>%1: &apos;%2_file&apos; names no file</source>
        <translation>%1: &apos;%2_file&apos; nennt keine Datei</translation>
    </message>
</context>
<context>
    <name>pb::db::Connection</name>
    <message>
        <source>Qt SQL driver %1 is not installed (Debian: %2)</source>
        <translation>Der Qt-SQL-Treiber %1 ist nicht installiert (Debian: %2)</translation>
    </message>
    <message>
        <source>cannot create directory for %1</source>
        <translation>Verzeichnis für %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>pb::db::MigrationRunner</name>
    <message>
        <source>database schema version %1 is newer than this program understands (%2); upgrade Packbench before using this database</source>
        <translation>Das Datenbankschema hat Version %1, neuer als dieses Programm versteht (%2); Packbench aktualisieren, bevor diese Datenbank verwendet wird</translation>
    </message>
    <message>
        <source>migration %1_%2 was changed after it was applied (checksum mismatch); migrations are forward-only: add a new one instead</source>
        <translation>Migration %1_%2 wurde nach dem Einspielen geändert (Prüfsumme stimmt nicht); Migrationen gehen nur vorwärts: stattdessen eine neue hinzufügen</translation>
    </message>
    <message>
        <source>database schema version %1 is older than this program needs (%2); run &apos;packbench-hub migrate&apos;</source>
        <translation>Das Datenbankschema hat Version %1, älter als dieses Programm braucht (%2); „packbench-hub migrate“ ausführen</translation>
    </message>
</context>
<context>
    <name>pb::db::Reconnector</name>
    <message>
        <source>database unavailable: %1</source>
        <translation>Datenbank nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>database unavailable; reconnecting in %1 s</source>
        <translation>Datenbank nicht erreichbar; neue Verbindung in %1 s</translation>
    </message>
</context>
<context>
    <name>pb::documents::PrintJournal</name>
    <message>
        <source>print job %1 not found</source>
        <translation>Druckauftrag %1 nicht gefunden</translation>
    </message>
    <message>
        <source>print job %1 is already %2</source>
        <translation>Druckauftrag %1 ist schon %2</translation>
    </message>
    <message>
        <source>Not printed: the station stopped before this job went out. R reprints it, M sends it to another printer.</source>
        <translation>Nicht gedruckt: die Station wurde beendet, bevor dieser Auftrag hinausging. R druckt ihn erneut, M sendet ihn an einen anderen Drucker.</translation>
    </message>
    <message>
        <source>Print job %1 cannot be printed again: its label is no longer kept (a voided label at once, others a while after printing, and when the customer asks to be forgotten). Buy a new label if the box still needs one.</source>
        <translation>Druckauftrag %1 kann nicht noch einmal gedruckt werden: Sein Etikett wird nicht mehr aufbewahrt (ein storniertes Etikett sofort, andere einige Zeit nach dem Druck, und wenn der Kunde die Löschung seiner Daten verlangt). Kaufen Sie ein neues Etikett, wenn das Paket noch eines braucht.</translation>
    </message>
</context>
<context>
    <name>pb::documents::SlipTemplate</name>
    <message>
        <source>template of %1 characters exceeds the limit of %2</source>
        <translation>Vorlage mit %1 Zeichen überschreitet die Grenze von %2</translation>
    </message>
    <message>
        <source>cannot read the slip template %1: %2</source>
        <translation>Lieferscheinvorlage %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the slip template %1 is larger than %2 bytes</source>
        <translation>Die Lieferscheinvorlage %1 ist größer als %2 Bytes</translation>
    </message>
    <message>
        <source>the slip template %1 is broken: %2</source>
        <translation>Die Lieferscheinvorlage %1 ist fehlerhaft: %2</translation>
    </message>
</context>
<context>
    <name>pb::packing::LeasedQueueWorkflow</name>
    <message>
        <source>This order changed while it was being packed: more items were verified than it now asks for. Nothing was recorded.</source>
        <translation>Diese Bestellung wurde während des Packens geändert: Es wurden mehr Artikel geprüft, als sie jetzt verlangt. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Not every item was verified in this pack attempt; nothing was recorded. Scan the missing items or ship partial.</source>
        <translation>Nicht jeder Artikel wurde in diesem Packvorgang geprüft; nichts wurde gespeichert. Fehlende Artikel scannen oder als Teillieferung versenden.</translation>
    </message>
    <message>
        <source>Nothing was verified in this pack attempt; nothing was recorded.</source>
        <translation>In diesem Packvorgang wurde nichts geprüft; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>This order was opened without a claim.</source>
        <translation>Diese Bestellung wurde ohne Reservierung geöffnet.</translation>
    </message>
    <message>
        <source>No order is waiting.</source>
        <translation>Keine Bestellung wartet.</translation>
    </message>
    <message>
        <source>Only a lead can take over an order.</source>
        <translation>Nur eine Schichtleitung kann eine Bestellung übernehmen.</translation>
    </message>
    <message>
        <source>Only a lead can release a hold.</source>
        <translation>Nur eine Schichtleitung kann eine Rückstellung aufheben.</translation>
    </message>
    <message>
        <source>This order no longer exists.</source>
        <translation>Diese Bestellung gibt es nicht mehr.</translation>
    </message>
</context>
<context>
    <name>pb::packing::PackOrder</name>
    <message>
        <source>no catalogue item for the scanned code</source>
        <translation>Kein Katalogartikel zum gescannten Code</translation>
    </message>
</context>
<context>
    <name>pb::packing::PackSession</name>
    <message>
        <source>a pack session needs a signed-in packer</source>
        <translation>Zum Packen muss ein Packer angemeldet sein</translation>
    </message>
</context>
<context>
    <name>pb::packing::PackTracking</name>
    <message>
        <source>box %1 already has a tracking number that conflicts</source>
        <translation>Karton %1 hat schon eine widersprechende Sendungsnummer</translation>
    </message>
</context>
<context>
    <name>pb::packing::PackWorkflow</name>
    <message>
        <source>this station cannot take orders over</source>
        <translation>Diese Station kann keine Bestellungen übernehmen</translation>
    </message>
    <message>
        <source>this station cannot release holds</source>
        <translation>Diese Station kann keine Rückstellungen aufheben</translation>
    </message>
</context>
<context>
    <name>pb::packing::Packers</name>
    <message numerus="yes">
        <source>Too many wrong PINs — try again in %n s</source>
        <translation>
            <numerusform>Zu viele falsche PINs — in %n Sekunde erneut versuchen</numerusform>
            <numerusform>Zu viele falsche PINs — in %n Sekunden erneut versuchen</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown badge</source>
        <translation>Unbekannter Ausweis</translation>
    </message>
    <message>
        <source>unknown packer</source>
        <translation>Unbekannter Packer</translation>
    </message>
    <message>
        <source>badge is deactivated</source>
        <translation>Ausweis ist gesperrt</translation>
    </message>
    <message>
        <source>badge or PIN not accepted</source>
        <translation>Ausweis oder PIN nicht akzeptiert</translation>
    </message>
    <message>
        <source>lead badge or PIN not accepted</source>
        <translation>Ausweis oder PIN der Schichtleitung nicht akzeptiert</translation>
    </message>
</context>
<context>
    <name>pb::printing::HandoffSheetDocument</name>
    <message>
        <source>Driver hand-off</source>
        <translation>Übergabe an den Fahrer</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>Datum: %1</translation>
    </message>
    <message>
        <source>Warehouse: %1</source>
        <translation>Lager: %1</translation>
    </message>
    <message>
        <source>Station: %1</source>
        <translation>Packplatz: %1</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Versanddienst</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Pakete</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n Manifest</numerusform>
            <numerusform>%n Manifeste</numerusform>
        </translation>
    </message>
    <message>
        <source>The driver counts the parcels of each carrier, takes them with that carrier&apos;s manifest, and signs below. Keep this sheet with the day&apos;s papers.</source>
        <translation>Der Fahrer zählt die Pakete jedes Versanddienstes, nimmt sie mit dem Manifest dieses Versanddienstes mit und unterschreibt unten. Dieses Blatt bei den Papieren des Tages aufbewahren.</translation>
    </message>
    <message>
        <source>Driver&apos;s name</source>
        <translation>Name des Fahrers</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Unterschrift</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Handed over by</source>
        <translation>Übergeben von</translation>
    </message>
</context>
<context>
    <name>pb::printing::JournaledPrinter</name>
    <message>
        <source>Print job %1 is already closed (%2)</source>
        <translation>Druckauftrag %1 ist schon abgeschlossen (%2)</translation>
    </message>
    <message>
        <source>Print job %1 is being sent right now</source>
        <translation>Druckauftrag %1 wird gerade gesendet</translation>
    </message>
</context>
<context>
    <name>pb::printing::LabelSender</name>
    <message>
        <source>no label printer configured</source>
        <translation>kein Etikettendrucker eingerichtet</translation>
    </message>
    <message>
        <source>bad label printer address &apos;%1&apos; (want tcp://host:9100)</source>
        <translation>ungültige Etikettendrucker-Adresse &apos;%1&apos; (erwartet tcp://host:9100)</translation>
    </message>
    <message>
        <source>bad CUPS queue name &apos;%1&apos;</source>
        <translation>ungültiger CUPS-Warteschlangenname &apos;%1&apos;</translation>
    </message>
    <message>
        <source>writing to label printer %1 failed: %2</source>
        <translation>Senden an Etikettendrucker %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>label printer %1 did not accept the connection: %2</source>
        <translation>Etikettendrucker %1 nimmt keine Verbindung an: %2</translation>
    </message>
    <message>
        <source>label printer %1 did not accept the connection: no answer in %2 ms</source>
        <translation>Etikettendrucker %1 nimmt keine Verbindung an: keine Antwort in %2 ms</translation>
    </message>
    <message>
        <source>label printer %1 stopped taking data (%2 of %3 bytes sent): no progress in %4 ms</source>
        <translation>Etikettendrucker %1 nimmt keine Daten mehr an (%2 von %3 Bytes gesendet): kein Fortschritt in %4 ms</translation>
    </message>
    <message>
        <source>cannot run lp: %1</source>
        <translation>lp kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>CUPS refused the label for %1: %2</source>
        <translation>CUPS hat das Etikett für %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>lp did not finish for queue %1</source>
        <translation>lp wurde für die Warteschlange %1 nicht fertig</translation>
    </message>
</context>
<context>
    <name>pb::printing::SlipRenderer</name>
    <message>
        <source>The printer could not start a page</source>
        <translation>Der Drucker konnte keine Seite beginnen</translation>
    </message>
    <message>
        <source>Packing slip %1</source>
        <translation>Lieferschein %1</translation>
    </message>
    <message numerus="yes">
        <source>%n packing slip(s)</source>
        <translation>
            <numerusform>%n Lieferschein</numerusform>
            <numerusform>%n Lieferscheine</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot start the PDF</source>
        <translation>PDF kann nicht begonnen werden</translation>
    </message>
    <message>
        <source>The printer refused a new page</source>
        <translation>Der Drucker hat eine neue Seite abgelehnt</translation>
    </message>
    <message>
        <source>%1 — continued</source>
        <translation>%1 — Fortsetzung</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s) of this slip cannot be printed (no installed font has them: %1); they are shown as ?.</source>
        <translation>
            <numerusform>%n Zeichen dieses Lieferscheins kann nicht gedruckt werden (keine installierte Schrift enthält es: %1); es erscheint als ?.</numerusform>
            <numerusform>%n Zeichen dieses Lieferscheins können nicht gedruckt werden (keine installierte Schrift enthält sie: %1); sie erscheinen als ?.</numerusform>
        </translation>
    </message>
    <message>
        <source>Custom slip template not used: %1. This is the built-in slip.</source>
        <translation>Eigene Lieferscheinvorlage nicht verwendet: %1. Dies ist der eingebaute Lieferschein.</translation>
    </message>
</context>
<context>
    <name>pb::printing::SystemPrinter</name>
    <message>
        <source>Printer &apos;%1&apos; was not found</source>
        <translation>Drucker „%1“ wurde nicht gefunden</translation>
    </message>
    <message>
        <source>Printer &apos;%1&apos; is stopped or offline</source>
        <translation>Drucker „%1“ ist angehalten oder offline</translation>
    </message>
    <message>
        <source>Printer &apos;%1&apos; cannot be used</source>
        <translation>Drucker „%1“ kann nicht verwendet werden</translation>
    </message>
    <message>
        <source>Packing slip %1</source>
        <translation>Lieferschein %1</translation>
    </message>
    <message>
        <source>Printer &apos;%1&apos; refused the job</source>
        <translation>Drucker „%1“ hat den Auftrag abgelehnt</translation>
    </message>
    <message numerus="yes">
        <source>The slip printed without %n character(s) that no installed font has (%1): they are marked ? on it. Install a font that has them, then reprint.</source>
        <translation>
            <numerusform>Der Lieferschein wurde ohne %n Zeichen gedruckt, das keine installierte Schrift enthält (%1); es ist darauf mit ? markiert. Eine Schrift installieren, die es enthält, dann erneut drucken.</numerusform>
            <numerusform>Der Lieferschein wurde ohne %n Zeichen gedruckt, die keine installierte Schrift enthält (%1); sie sind darauf mit ? markiert. Eine Schrift installieren, die sie enthält, dann erneut drucken.</numerusform>
        </translation>
    </message>
    <message>
        <source>The label is not a readable image</source>
        <translation>Das Etikett ist kein lesbares Bild</translation>
    </message>
    <message>
        <source>ZPL labels go to a label printer raw, not through QPrinter</source>
        <translation>ZPL-Etiketten gehen direkt an einen Etikettendrucker, nicht über QPrinter</translation>
    </message>
    <message>
        <source>The label is not a readable PDF</source>
        <translation>Das Etikett ist kein lesbares PDF</translation>
    </message>
    <message>
        <source>Shipping label</source>
        <translation>Versandetikett</translation>
    </message>
    <message>
        <source>Printer &apos;%1&apos; refused a new page</source>
        <translation>Drucker „%1“ hat eine neue Seite abgelehnt</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>No default printer: this computer names none, or its print service (CUPS) did not answer</source>
        <translation>Kein Standarddrucker: dieser Rechner nennt keinen, oder sein Druckdienst (CUPS) hat nicht geantwortet</translation>
    </message>
</context>
<context>
    <name>pb::queue::OrderQueue</name>
    <message>
        <source>This order was edited after it was opened for packing; nothing was recorded. Put the items back and pack it again.</source>
        <translation>Diese Bestellung wurde geändert, nachdem sie zum Packen geöffnet wurde; nichts wurde gespeichert. Artikel zurücklegen und neu packen.</translation>
    </message>
    <message>
        <source>No such order in the queue.</source>
        <translation>Diese Bestellung ist nicht in der Warteschlange.</translation>
    </message>
    <message>
        <source>This order is on hold: %1</source>
        <translation>Diese Bestellung ist zurückgestellt: %1</translation>
    </message>
    <message>
        <source>This order is already packed.</source>
        <translation>Diese Bestellung ist bereits gepackt.</translation>
    </message>
    <message>
        <source>This order was cancelled.</source>
        <translation>Diese Bestellung wurde storniert.</translation>
    </message>
    <message>
        <source>This order is being packed at another station.</source>
        <translation>Diese Bestellung wird an einer anderen Station gepackt.</translation>
    </message>
    <message>
        <source>The lease on this order was lost; it went back to the queue.</source>
        <translation>Die Reservierung dieser Bestellung ist verloren; sie ist zurück in der Warteschlange.</translation>
    </message>
    <message>
        <source>A hold needs a reason.</source>
        <translation>Eine Rückstellung braucht einen Grund.</translation>
    </message>
    <message>
        <source>This order is not on hold.</source>
        <translation>Diese Bestellung ist nicht zurückgestellt.</translation>
    </message>
    <message>
        <source>This order changed while it was being packed.</source>
        <translation>Diese Bestellung wurde während des Packens geändert.</translation>
    </message>
</context>
<context>
    <name>pb::queue::StationRegistration</name>
    <message>
        <source>no data directory for the station&apos;s identity</source>
        <translation>Kein Datenverzeichnis für die Kennung der Station</translation>
    </message>
    <message>
        <source>cannot read the station identity file %1: %2</source>
        <translation>Die Kennungsdatei der Station %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot create the data directory %1</source>
        <translation>Das Datenverzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write the station identity file %1: %2</source>
        <translation>Die Kennungsdatei der Station %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>station name is empty</source>
        <translation>Der Stationsname ist leer</translation>
    </message>
    <message>
        <source>station installation id is empty</source>
        <translation>Die Installationskennung der Station ist leer</translation>
    </message>
</context>
<context>
    <name>pb::queue::StationSite</name>
    <message>
        <source>No shop %1 in this database (station.shop).</source>
        <translation>Kein Shop %1 in dieser Datenbank (station.shop).</translation>
    </message>
    <message>
        <source>Shop %1 has no location with code %2 (station.location).</source>
        <translation>Shop %1 hat keinen Standort mit dem Code %2 (station.location).</translation>
    </message>
    <message numerus="yes">
        <source>Set station.shop and station.location: the database holds %n shop(s).</source>
        <translation>
            <numerusform>station.shop und station.location setzen: die Datenbank enthält %n Shop.</numerusform>
            <numerusform>station.shop und station.location setzen: die Datenbank enthält %n Shops.</numerusform>
        </translation>
    </message>
    <message>
        <source>No location with code %1 (station.location).</source>
        <translation>Kein Standort mit dem Code %1 (station.location).</translation>
    </message>
    <message>
        <source>Location code %1 exists in more than one shop: set station.shop to the shop&apos;s domain.</source>
        <translation>Den Standortcode %1 gibt es in mehr als einem Shop: station.shop auf die Domain des Shops setzen.</translation>
    </message>
</context>
<context>
    <name>pb::station::OfflineLeadApprovals</name>
    <message>
        <source>Offline, only a lead who approved at this bench in the last 12 hours can approve</source>
        <translation>Offline kann nur eine Schichtleitung freigeben, die an diesem Packtisch in den letzten 12 Stunden freigegeben hat</translation>
    </message>
    <message>
        <source>No approvals offline left for this lead</source>
        <translation>Für diese Schichtleitung sind offline keine Freigaben mehr übrig</translation>
    </message>
</context>
<context>
    <name>pb::station::StationController</name>
    <message>
        <source>Database unavailable · reconnect attempt %1 failed · next attempt in %2 s</source>
        <translation>Datenbank nicht erreichbar · Verbindungsversuch %1 fehlgeschlagen · nächster Versuch in %2 s</translation>
    </message>
    <message>
        <source>Database problem: cannot read warehouses</source>
        <translation>Datenbankproblem: Lager können nicht gelesen werden</translation>
    </message>
    <message>
        <source>No warehouses configured</source>
        <translation>Keine Lager eingerichtet</translation>
    </message>
    <message>
        <source>Database problem: the queue could not be read</source>
        <translation>Datenbankproblem: die Warteschlange konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>All caught up — nothing to pack</source>
        <translation>Alles erledigt — nichts zu packen</translation>
    </message>
    <message>
        <source>Ready · next: %1</source>
        <translation>Bereit · als Nächstes: %1</translation>
    </message>
    <message>
        <source>Press F8 to take it</source>
        <translation>F8 drücken, um sie zu nehmen</translation>
    </message>
    <message>
        <source>Database problem: cannot sign in</source>
        <translation>Datenbankproblem: Anmelden nicht möglich</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>This order cannot be packed now</source>
        <translation>Diese Bestellung kann jetzt nicht gepackt werden</translation>
    </message>
    <message>
        <source>It was packed or cancelled meanwhile</source>
        <translation>Sie wurde inzwischen gepackt oder storniert</translation>
    </message>
    <message>
        <source>Database problem — call the lead</source>
        <translation>Datenbankproblem — Schichtleitung rufen</translation>
    </message>
    <message>
        <source>Could not take an order</source>
        <translation>Keine Bestellung übernommen</translation>
    </message>
    <message>
        <source>Try again or call the lead</source>
        <translation>Erneut versuchen oder Schichtleitung rufen</translation>
    </message>
    <message>
        <source>Another station has this order</source>
        <translation>Ein anderer Packplatz hat diese Bestellung</translation>
    </message>
    <message>
        <source>Press F8 for the next one</source>
        <translation>F8 für die nächste</translation>
    </message>
    <message>
        <source>Complete — but NOT recorded yet</source>
        <translation>Vollständig — aber noch NICHT erfasst</translation>
    </message>
    <message>
        <source>The database is unavailable; the order is recorded as packed as soon as it is back. Keep the box on the bench.</source>
        <translation>Die Datenbank ist nicht erreichbar; die Bestellung wird als gepackt erfasst, sobald sie zurück ist. Karton auf dem Packtisch lassen.</translation>
    </message>
    <message>
        <source>This order was NOT recorded as packed</source>
        <translation>Diese Bestellung wurde NICHT als gepackt erfasst</translation>
    </message>
    <message>
        <source>This order was taken back — stop packing it</source>
        <translation>Diese Bestellung wurde zurückgenommen — nicht weiterpacken</translation>
    </message>
    <message>
        <source>Put its items back on the shelf: it went back to the queue and is packed again from the start</source>
        <translation>Ihre Artikel ins Regal zurücklegen: Sie ging zurück in die Warteschlange und wird von vorn gepackt</translation>
    </message>
    <message>
        <source>Order changed or cancelled — stop packing</source>
        <translation>Bestellung geändert oder storniert — nicht weiterpacken</translation>
    </message>
    <message>
        <source>Put the items back and press F8</source>
        <translation>Artikel zurücklegen und F8 drücken</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Signed out · order %1 went back to the queue: put its items back on the shelf</source>
        <translation>Abgemeldet · Bestellung %1 ging zurück in die Warteschlange: ihre Artikel ins Regal zurücklegen</translation>
    </message>
    <message numerus="yes">
        <source>Locked after %n minute(s) without activity</source>
        <translation>
            <numerusform>Nach %n Minute ohne Aktivität gesperrt</numerusform>
            <numerusform>Nach %n Minuten ohne Aktivität gesperrt</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 went back to the queue while the station was locked</source>
        <translation>Bestellung %1 ging zurück in die Warteschlange, während der Packplatz gesperrt war</translation>
    </message>
    <message>
        <source>Put its items back on the shelf; press F8 for the next order</source>
        <translation>Ihre Artikel ins Regal zurücklegen; F8 für die nächste Bestellung</translation>
    </message>
    <message>
        <source>A lead can approve with badge and PIN · Esc cancels</source>
        <translation>Die Schichtleitung kann mit Ausweis und PIN freigeben · Esc bricht ab</translation>
    </message>
    <message>
        <source>Take order %1 over from the other station? Packing starts again from the first item here.</source>
        <translation>Bestellung %1 vom anderen Packplatz übernehmen? Gepackt wird hier wieder ab dem ersten Artikel.</translation>
    </message>
    <message>
        <source>Release the hold on order %1? It goes back to the queue.</source>
        <translation>Rückstellung von Bestellung %1 aufheben? Sie geht zurück in die Warteschlange.</translation>
    </message>
    <message>
        <source>Database problem — try again</source>
        <translation>Datenbankproblem — erneut versuchen</translation>
    </message>
    <message>
        <source>Not approved: %1</source>
        <translation>Nicht freigegeben: %1</translation>
    </message>
    <message>
        <source>Order %1 was not taken over</source>
        <translation>Bestellung %1 wurde nicht übernommen</translation>
    </message>
    <message>
        <source>Order %1 taken over · scan every item from the first</source>
        <translation>Bestellung %1 übernommen · jeden Artikel ab dem ersten scannen</translation>
    </message>
    <message>
        <source>Anything picked for it at the other bench goes back to the shelf</source>
        <translation>Was am anderen Packplatz dafür kommissioniert wurde, geht zurück ins Regal</translation>
    </message>
    <message>
        <source>The hold on order %1 was not released</source>
        <translation>Die Rückstellung von Bestellung %1 wurde nicht aufgehoben</translation>
    </message>
    <message>
        <source>Hold released · order %1 is back in the queue</source>
        <translation>Rückstellung aufgehoben · Bestellung %1 ist wieder in der Warteschlange</translation>
    </message>
    <message>
        <source>Press Enter on it to pack it now</source>
        <translation>Enter darauf drücken, um sie jetzt zu packen</translation>
    </message>
    <message>
        <source>Packed — but the slip and the label did not print</source>
        <translation>Gepackt — aber Lieferschein und Etikett wurden nicht gedruckt</translation>
    </message>
    <message>
        <source>Packed — but the slip did not print</source>
        <translation>Gepackt — aber der Lieferschein wurde nicht gedruckt</translation>
    </message>
    <message>
        <source>Packed — but the label did not print</source>
        <translation>Gepackt — aber das Etikett wurde nicht gedruckt</translation>
    </message>
    <message>
        <source>The job is in the print journal; scan REPRINT to print it again</source>
        <translation>Der Auftrag steht im Druckprotokoll; REPRINT scannen, um ihn erneut zu drucken</translation>
    </message>
    <message>
        <source>Packed — but the slip is missing characters and the label did not print</source>
        <translation>Gepackt — aber dem Lieferschein fehlen Zeichen, und das Etikett wurde nicht gedruckt</translation>
    </message>
    <message>
        <source>Packed — but the slip is missing characters</source>
        <translation>Gepackt — aber dem Lieferschein fehlen Zeichen</translation>
    </message>
    <message>
        <source>Nothing to reprint</source>
        <translation>Nichts zum Nachdrucken</translation>
    </message>
    <message>
        <source>REPRINT prints the last finished order&apos;s slip and label</source>
        <translation>REPRINT druckt Lieferschein und Etikett der zuletzt fertigen Bestellung erneut</translation>
    </message>
    <message>
        <source>Not reprinted: the print journal could not be read</source>
        <translation>Nicht nachgedruckt: das Druckprotokoll konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>slip</source>
        <translation>Lieferschein</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <source>Nothing was printed for the last order at this station</source>
        <translation>Für die letzte Bestellung an diesem Packplatz wurde nichts gedruckt</translation>
    </message>
    <message>
        <source>Reprinted: %1</source>
        <translation>Nachgedruckt: %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Not reprinted: %1</source>
        <translation>Nicht nachgedruckt: %1</translation>
    </message>
    <message>
        <source>The printer refused it; the job is in the print journal</source>
        <translation>Der Drucker hat abgelehnt; der Auftrag steht im Druckprotokoll</translation>
    </message>
    <message>
        <source>Order %1 is complete and is recorded as packed when the database is back. Keep the box on the bench.</source>
        <translation>Bestellung %1 ist vollständig und wird als gepackt erfasst, sobald die Datenbank zurück ist. Karton auf dem Packtisch lassen.</translation>
    </message>
    <message>
        <source>Order %1: %2 of %3 items are saved. Keep the box on the bench; scans count again once the database is back.</source>
        <translation>Bestellung %1: %2 von %3 Artikeln sind gespeichert. Karton auf dem Packtisch lassen; Scans zählen wieder, sobald die Datenbank zurück ist.</translation>
    </message>
    <message>
        <source>Scans do not count until the database is back. Nothing already saved is lost.</source>
        <translation>Scans zählen erst wieder, wenn die Datenbank zurück ist. Bereits Gespeichertes geht nicht verloren.</translation>
    </message>
    <message>
        <source>Paused — waiting for the database</source>
        <translation>Angehalten — warte auf die Datenbank</translation>
    </message>
    <message>
        <source>Scans count again once it is back</source>
        <translation>Scans zählen wieder, sobald sie zurück ist</translation>
    </message>
    <message>
        <source>Database unavailable — reconnecting…</source>
        <translation>Datenbank nicht erreichbar — neue Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>Database unavailable · reconnecting</source>
        <translation>Datenbank nicht erreichbar · Verbindung wird aufgebaut</translation>
    </message>
    <message>
        <source>It changed or was taken back — stop packing</source>
        <translation>Sie wurde geändert oder zurückgenommen — nicht weiterpacken</translation>
    </message>
    <message>
        <source>✔ ORDER %1 COMPLETE — recorded</source>
        <translation>✔ BESTELLUNG %1 FERTIG — erfasst</translation>
    </message>
    <message>
        <source>The database is back · F8 takes the next order</source>
        <translation>Die Datenbank ist zurück · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>This order was taken back while the database was away</source>
        <translation>Diese Bestellung wurde zurückgenommen, während die Datenbank weg war</translation>
    </message>
    <message>
        <source>Stop packing it; press F8</source>
        <translation>Nicht weiterpacken; F8 drücken</translation>
    </message>
    <message>
        <source>The order went back to the queue while the database was away</source>
        <translation>Die Bestellung ging zurück in die Warteschlange, während die Datenbank weg war</translation>
    </message>
    <message>
        <source>It is yours again, from the first item: put what is in the box back and scan everything again</source>
        <translation>Sie gehört wieder Ihnen, ab dem ersten Artikel: Karton leeren und alles erneut scannen</translation>
    </message>
    <message numerus="yes">
        <source>Database back · %n item(s) to go</source>
        <translation>
            <numerusform>Datenbank zurück · noch %n Artikel</numerusform>
            <numerusform>Datenbank zurück · noch %n Artikel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) made as it went away were saved after all — check the count</source>
        <translation>
            <numerusform>%n Scan beim Verbindungsabbruch wurde doch gespeichert — Anzahl prüfen</numerusform>
            <numerusform>%n Scans beim Verbindungsabbruch wurden doch gespeichert — Anzahl prüfen</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue scanning</source>
        <translation>Weiter scannen</translation>
    </message>
    <message>
        <source>✖ NOT COUNTED — database unavailable, reconnecting…</source>
        <translation>✖ NICHT GEZÄHLT — Datenbank nicht erreichbar, Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>That was not a badge</source>
        <translation>Das war kein Ausweis</translation>
    </message>
    <message>
        <source>This order is finished — press F8 for the next one</source>
        <translation>Diese Bestellung ist fertig — F8 für die nächste</translation>
    </message>
    <message>
        <source>That is a carton label, not an item</source>
        <translation>Das ist ein Kartonetikett, kein Artikel</translation>
    </message>
    <message>
        <source>That barcode is not an item</source>
        <translation>Dieser Barcode ist kein Artikel</translation>
    </message>
    <message>
        <source>No order open</source>
        <translation>Keine Bestellung offen</translation>
    </message>
    <message>
        <source>Press F8 to take the next order</source>
        <translation>F8 drücken für die nächste Bestellung</translation>
    </message>
    <message>
        <source>Scan ACK or press Enter to continue</source>
        <translation>ACK scannen oder Enter drücken, um fortzufahren</translation>
    </message>
    <message>
        <source>Box %1 is still empty</source>
        <translation>Karton %1 ist noch leer</translation>
    </message>
    <message numerus="yes">
        <source>Not complete: %n item(s) still to scan</source>
        <translation>
            <numerusform>Nicht vollständig: noch %n Artikel zu scannen</numerusform>
            <numerusform>Nicht vollständig: noch %n Artikel zu scannen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot complete now</source>
        <translation>Abschließen jetzt nicht möglich</translation>
    </message>
    <message>
        <source>Nothing verified yet to ship</source>
        <translation>Noch nichts geprüft, das versendet werden kann</translation>
    </message>
    <message>
        <source>Cannot ship partial now</source>
        <translation>Teillieferung jetzt nicht möglich</translation>
    </message>
    <message>
        <source>Not approved: a lead&apos;s badge and PIN are needed</source>
        <translation>Nicht freigegeben: Ausweis und PIN der Schichtleitung sind nötig</translation>
    </message>
    <message>
        <source>Manual quantity refused: check quantity and reason</source>
        <translation>Menge von Hand abgelehnt: Menge und Grund prüfen</translation>
    </message>
    <message>
        <source>Badge or PIN not accepted</source>
        <translation>Ausweis oder PIN nicht akzeptiert</translation>
    </message>
    <message>
        <source>Not approved: that is not an active lead&apos;s badge and PIN</source>
        <translation>Nicht freigegeben: Das sind nicht Ausweis und PIN einer aktiven Schichtleitung</translation>
    </message>
    <message>
        <source>Reprinting: %1</source>
        <translation>Wird erneut gedruckt: %1</translation>
    </message>
    <message>
        <source>Print job %1 cannot be reprinted</source>
        <translation>Druckauftrag %1 kann nicht erneut gedruckt werden</translation>
    </message>
    <message>
        <source>This station has no printer</source>
        <translation>Diese Station hat keinen Drucker</translation>
    </message>
    <message>
        <source>Reprint the slip of print job %1 on %2?</source>
        <translation>Den Lieferschein von Druckauftrag %1 erneut auf %2 drucken?</translation>
    </message>
    <message>
        <source>Reprint the label of print job %1 on %2?</source>
        <translation>Das Etikett von Druckauftrag %1 erneut auf %2 drucken?</translation>
    </message>
    <message>
        <source>Print job %1 cannot be moved</source>
        <translation>Druckauftrag %1 kann nicht umgeleitet werden</translation>
    </message>
    <message>
        <source>Choose another printer</source>
        <translation>Einen anderen Drucker wählen</translation>
    </message>
    <message>
        <source>Send the slip of print job %1 to %2 instead of %3?</source>
        <translation>Den Lieferschein von Druckauftrag %1 an %2 statt an %3 senden?</translation>
    </message>
    <message>
        <source>Send the label of print job %1 to %2 instead of %3?</source>
        <translation>Das Etikett von Druckauftrag %1 an %2 statt an %3 senden?</translation>
    </message>
    <message>
        <source>A lead approves with badge and PIN</source>
        <translation>Eine Schichtleitung bestätigt mit Ausweis und PIN</translation>
    </message>
    <message>
        <source>Esc cancels</source>
        <translation>Esc bricht ab</translation>
    </message>
    <message>
        <source>Print job %1 was not found</source>
        <translation>Druckauftrag %1 wurde nicht gefunden</translation>
    </message>
    <message>
        <source>Print job %1 was not sent again</source>
        <translation>Druckauftrag %1 wurde nicht erneut gesendet</translation>
    </message>
    <message>
        <source>Print job %1 sent to %2 as job %3</source>
        <translation>Druckauftrag %1 als Auftrag %3 an %2 gesendet</translation>
    </message>
    <message>
        <source>Print job %1 reprinted as job %2</source>
        <translation>Druckauftrag %1 als Auftrag %2 erneut gedruckt</translation>
    </message>
    <message>
        <source>The list shows how it goes</source>
        <translation>Die Liste zeigt, wie es läuft</translation>
    </message>
    <message>
        <source>Signed in again · F8 takes the next order</source>
        <translation>Wieder angemeldet · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>The order is complete but NOT recorded yet: it is recorded as soon as you sign in again. Keep the box on the bench.</source>
        <translation>Die Bestellung ist vollständig, aber noch NICHT erfasst: Sie wird bei der nächsten Anmeldung erfasst. Karton auf dem Packtisch lassen.</translation>
    </message>
    <message>
        <source>The hold is NOT recorded yet: it is recorded as soon as you sign in again.</source>
        <translation>Die Rückstellung ist noch NICHT erfasst: Sie wird bei der nächsten Anmeldung erfasst.</translation>
    </message>
    <message>
        <source>Nothing of your last step was saved: sign in again and repeat it.</source>
        <translation>Vom letzten Schritt wurde nichts gespeichert: wieder anmelden und ihn wiederholen.</translation>
    </message>
    <message>
        <source>Your sign-in has ended — sign in again</source>
        <translation>Anmeldung beendet — bitte neu anmelden</translation>
    </message>
    <message>
        <source>Not a weight: %1 g</source>
        <translation>Kein Gewicht: %1 g</translation>
    </message>
    <message>
        <source>Enter the box&apos;s weight in grams (1 g to 150 kg)</source>
        <translation>Gewicht des Pakets in Gramm eingeben (1 g bis 150 kg)</translation>
    </message>
    <message>
        <source>Weigh box %1</source>
        <translation>Paket %1 wiegen</translation>
    </message>
    <message>
        <source>A carrier label needs the box&apos;s weight: enter it in grams</source>
        <translation>Für das Versandetikett wird das Gewicht des Pakets gebraucht: in Gramm eingeben</translation>
    </message>
    <message>
        <source>Database problem: the label could not be asked for</source>
        <translation>Datenbankproblem: Das Etikett konnte nicht angefordert werden</translation>
    </message>
    <message>
        <source>The order waits; press F9 to try again</source>
        <translation>Der Auftrag wartet; F9 versucht es erneut</translation>
    </message>
    <message>
        <source>Buying label…</source>
        <translation>Etikett wird gekauft…</translation>
    </message>
    <message>
        <source>Box %1 of %2 · the hub is buying it from the carrier</source>
        <translation>Paket %1 von %2 · der Hub kauft es beim Versanddienstleister</translation>
    </message>
    <message>
        <source>Weigh box %1 again</source>
        <translation>Paket %1 erneut wiegen</translation>
    </message>
    <message>
        <source>No label for box %1: the carrier refused it</source>
        <translation>Kein Etikett für Paket %1: vom Versanddienstleister abgelehnt</translation>
    </message>
    <message>
        <source>%1 · F9 asks again · F4 puts the order on hold for the lead</source>
        <translation>%1 · F9 fragt erneut an · F4 stellt den Auftrag für die Schichtleitung zurück</translation>
    </message>
    <message>
        <source>Carrier not answering — buying the label as soon as it does</source>
        <translation>Versanddienstleister antwortet nicht — das Etikett wird gekauft, sobald er antwortet</translation>
    </message>
    <message>
        <source>The order waits here and nothing is lost: keep box %1 on the bench, or F4 to put it on hold</source>
        <translation>Der Auftrag wartet hier, nichts geht verloren: Paket %1 am Platz lassen oder mit F4 zurückstellen</translation>
    </message>
    <message>
        <source>No label yet: the carrier is not set up for this order</source>
        <translation>Noch kein Etikett: Der Versand ist für diesen Auftrag nicht eingerichtet</translation>
    </message>
    <message>
        <source>%1 · F4 puts the order on hold</source>
        <translation>%1 · F4 stellt den Auftrag zurück</translation>
    </message>
    <message>
        <source>Label bought but not printed</source>
        <translation>Etikett gekauft, aber nicht gedruckt</translation>
    </message>
    <message>
        <source>Check the label printer, then press F9 to print it again</source>
        <translation>Etikettendrucker prüfen, dann mit F9 erneut drucken</translation>
    </message>
    <message>
        <source>Label sent to the printer · box %1 of %2</source>
        <translation>Etikett an den Drucker gesendet · Paket %1 von %2</translation>
    </message>
    <message>
        <source>Label of box %1 voided — do not ship it</source>
        <translation>Etikett von Paket %1 storniert — nicht versenden</translation>
    </message>
    <message>
        <source>%1; the lead is told</source>
        <translation>%1; die Schichtleitung ist informiert</translation>
    </message>
    <message>
        <source>The carrier label of box %1 did not print</source>
        <translation>Das Versandetikett von Paket %1 wurde nicht gedruckt</translation>
    </message>
    <message>
        <source>Not put on hold: %1</source>
        <translation>Nicht zurückgestellt: %1</translation>
    </message>
    <message>
        <source>On hold — waiting for the lead</source>
        <translation>Zurückgestellt — wartet auf die Schichtleitung</translation>
    </message>
    <message>
        <source>Any label already bought is voided by the hub; keep the box aside with its slip</source>
        <translation>Ein bereits gekauftes Etikett storniert der Hub; Paket mit Lieferschein beiseitelegen</translation>
    </message>
    <message>
        <source>No end of day at this station</source>
        <translation>Kein Tagesabschluss an diesem Packplatz</translation>
    </message>
    <message>
        <source>Carrier manifests need the central database and a printer</source>
        <translation>Versandmanifeste brauchen die zentrale Datenbank und einen Drucker</translation>
    </message>
    <message>
        <source>The end of day is under way</source>
        <translation>Der Tagesabschluss läuft</translation>
    </message>
    <message>
        <source>The hub is making the carrier manifests of %1</source>
        <translation>Der Hub erstellt die Versandmanifeste von %1</translation>
    </message>
    <message>
        <source>End the day at %1? The carrier manifests of today&apos;s labels are made and printed here with the driver hand-off sheet.</source>
        <translation>Tag in %1 abschließen? Die Versandmanifeste der heutigen Etiketten werden erstellt und hier mit dem Übergabeblatt für den Fahrer gedruckt.</translation>
    </message>
    <message>
        <source>The end of day was not started</source>
        <translation>Der Tagesabschluss wurde nicht gestartet</translation>
    </message>
    <message>
        <source>Making the carrier manifests…</source>
        <translation>Versandmanifeste werden erstellt…</translation>
    </message>
    <message>
        <source>The hub sends today&apos;s labels of %1 to the carriers</source>
        <translation>Der Hub sendet die heutigen Etiketten von %1 an die Versanddienste</translation>
    </message>
    <message>
        <source>No parcels to put on a manifest at %1</source>
        <translation>Keine Pakete für ein Manifest in %1</translation>
    </message>
    <message>
        <source>End of day not done: no manifest printed</source>
        <translation>Tagesabschluss nicht erfolgt: kein Manifest gedruckt</translation>
    </message>
    <message>
        <source>%1 · F10 asks again</source>
        <translation>%1 · F10 fragt erneut an</translation>
    </message>
    <message numerus="yes">
        <source>%1 %n parcel(s)</source>
        <translation>
            <numerusform>%1 %n Paket</numerusform>
            <numerusform>%1 %n Pakete</numerusform>
        </translation>
    </message>
    <message>
        <source>the hand-off sheet</source>
        <translation>das Übergabeblatt</translation>
    </message>
    <message>
        <source>Manifests made, but not everything printed</source>
        <translation>Manifeste erstellt, aber nicht alles gedruckt</translation>
    </message>
    <message>
        <source>Not printed: %1 · F4 shows the print jobs</source>
        <translation>Nicht gedruckt: %1 · F4 zeigt die Druckaufträge</translation>
    </message>
    <message numerus="yes">
        <source>End of day: %n parcel(s) on %1</source>
        <translation>
            <numerusform>Tagesabschluss: %n Paket auf %1</numerusform>
            <numerusform>Tagesabschluss: %n Pakete auf %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n Manifest</numerusform>
            <numerusform>%n Manifeste</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · the manifests and the driver hand-off sheet are printing</source>
        <translation>%1 · die Manifeste und das Übergabeblatt für den Fahrer werden gedruckt</translation>
    </message>
    <message numerus="yes">
        <source>Offline — %n event(s) waiting</source>
        <translation>
            <numerusform>Offline — %n Ereignis wartet</numerusform>
            <numerusform>Offline — %n Ereignisse warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1: %2 of %3 items scanned. Keep packing: it is recorded when the database is back.</source>
        <translation>Bestellung %1: %2 von %3 Artikeln gescannt. Weiter packen: es wird erfasst, sobald die Datenbank zurück ist.</translation>
    </message>
    <message>
        <source>This needs the database — keep scanning</source>
        <translation>Dafür wird die Datenbank gebraucht — weiter scannen</translation>
    </message>
    <message>
        <source>Offline scans NOT recorded — the order changed meanwhile</source>
        <translation>Offline-Scans NICHT erfasst — die Bestellung hat sich inzwischen geändert</translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) are kept at this bench for the lead. Set the box aside with the order.</source>
        <translation>
            <numerusform>%n Scan ist an diesem Packtisch für die Schichtleitung gespeichert. Den Karton mit der Bestellung beiseitestellen.</numerusform>
            <numerusform>%n Scans sind an diesem Packtisch für die Schichtleitung gespeichert. Den Karton mit der Bestellung beiseitestellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline — keep packing</source>
        <translation>Offline — weiter packen</translation>
    </message>
    <message>
        <source>Scans and new boxes are kept at this bench and recorded when the database is back</source>
        <translation>Scans und neue Kartons werden an diesem Packtisch gespeichert und erfasst, sobald die Datenbank zurück ist</translation>
    </message>
    <message numerus="yes">
        <source>%n found at the carrier after a lost answer</source>
        <translation>
            <numerusform>%n nach verlorener Antwort beim Versanddienst gefunden</numerusform>
            <numerusform>%n nach verlorener Antwort beim Versanddienst gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>An order packed offline is recorded now</source>
        <translation>Eine offline gepackte Bestellung ist jetzt erfasst</translation>
    </message>
    <message>
        <source>The next order waits for the database</source>
        <translation>Die nächste Bestellung wartet auf die Datenbank</translation>
    </message>
    <message>
        <source>This one is packed and kept at this bench; press F8 again once the database is back</source>
        <translation>Diese ist gepackt und an diesem Packtisch gespeichert; F8 erneut drücken, sobald die Datenbank zurück ist</translation>
    </message>
    <message>
        <source>Order %1 is packed at this bench and recorded when the database is back.</source>
        <translation>Bestellung %1 ist an diesem Packtisch gepackt und wird erfasst, sobald die Datenbank zurück ist.</translation>
    </message>
    <message>
        <source>Complete — but NOT kept at this bench</source>
        <translation>Fertig — aber an diesem Packtisch NICHT gespeichert</translation>
    </message>
    <message>
        <source>Keep the box on the bench and call the lead</source>
        <translation>Karton auf dem Packtisch lassen und die Schichtleitung rufen</translation>
    </message>
    <message>
        <source>Packed offline — will be sent when the database is back</source>
        <translation>Offline gepackt — wird gesendet, sobald die Datenbank zurück ist</translation>
    </message>
    <message>
        <source>Order %1: its carrier label is bought and printed once the database is back. Keep the box on the bench.</source>
        <translation>Bestellung %1: Das Versandetikett wird gekauft und gedruckt, sobald die Datenbank zurück ist. Karton auf dem Packtisch lassen.</translation>
    </message>
    <message>
        <source>Order %1: keep the box with its slip. The next order is taken once the database is back.</source>
        <translation>Bestellung %1: Karton mit dem Lieferschein bereitlegen. Die nächste Bestellung wird genommen, sobald die Datenbank zurück ist.</translation>
    </message>
    <message>
        <source>Packed offline and recorded now that the database is back · F8 takes the next order</source>
        <translation>Offline gepackt und jetzt erfasst, da die Datenbank zurück ist · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>Order %1 resumed · %2 of %3 items already scanned</source>
        <translation>Bestellung %1 fortgesetzt · %2 von %3 Artikeln schon gescannt</translation>
    </message>
    <message>
        <source>The station stopped while it was packed here: the box on the bench is this order&apos;s</source>
        <translation>Die Station stoppte, während sie hier gepackt wurde: Der Karton auf dem Packtisch gehört zu dieser Bestellung</translation>
    </message>
    <message>
        <source>Press F8 to take it (kept for this bench)</source>
        <translation>F8 drücken, um sie zu nehmen (für diesen Packtisch reserviert)</translation>
    </message>
    <message>
        <source>Order %1: keep the box with its slip. F8 takes the next order, kept for this bench.</source>
        <translation>Bestellung %1: Karton mit dem Lieferschein bereitlegen. F8 nimmt die nächste, für diesen Packtisch reservierte Bestellung.</translation>
    </message>
    <message>
        <source>Next order %1 is kept for this bench</source>
        <translation>Nächste Bestellung %1 ist für diesen Packtisch reserviert</translation>
    </message>
    <message>
        <source>Offline — next order %1</source>
        <translation>Offline — nächste Bestellung %1</translation>
    </message>
    <message>
        <source>It was kept for this bench: pack it as usual, it is recorded when the database is back</source>
        <translation>Sie wurde für diesen Packtisch reserviert: wie gewohnt packen, sie wird erfasst, sobald die Datenbank zurück ist</translation>
    </message>
    <message>
        <source>An order packed offline was NOT recorded</source>
        <translation>Eine offline gepackte Bestellung wurde NICHT erfasst</translation>
    </message>
    <message>
        <source>It was taken back or cancelled meanwhile: set its box aside for the lead</source>
        <translation>Sie wurde inzwischen zurückgenommen oder storniert: Karton für die Schichtleitung beiseitestellen</translation>
    </message>
    <message>
        <source>It went back to the queue while the database was away: set its box aside for the lead</source>
        <translation>Sie ging zurück in die Warteschlange, während die Datenbank weg war: Karton für die Schichtleitung beiseitestellen</translation>
    </message>
    <message>
        <source>Offline — press F8 for the next order</source>
        <translation>Offline — F8 für die nächste Bestellung drücken</translation>
    </message>
    <message>
        <source>Order %1 was kept for this bench: pack it as usual, it is recorded when the database is back</source>
        <translation>Bestellung %1 wurde für diesen Packtisch reserviert: wie gewohnt packen, sie wird erfasst, sobald die Datenbank zurück ist</translation>
    </message>
    <message>
        <source>Offline · F8 takes the order kept for this bench</source>
        <translation>Offline · F8 nimmt die für diesen Packtisch reservierte Bestellung</translation>
    </message>
    <message>
        <source>An order put on hold offline is recorded now</source>
        <translation>Eine offline zurückgestellte Bestellung ist jetzt erfasst</translation>
    </message>
    <message>
        <source>This one is set aside for the lead; press F8 again once the database is back</source>
        <translation>Diese ist für die Schichtleitung beiseitegestellt; F8 erneut drücken, sobald die Datenbank zurück ist</translation>
    </message>
    <message>
        <source>Order %1 is set aside for the lead and put on hold when the database is back.</source>
        <translation>Bestellung %1 ist für die Schichtleitung beiseitegestellt und wird zurückgestellt, sobald die Datenbank zurück ist.</translation>
    </message>
    <message>
        <source>On hold — but NOT kept at this bench</source>
        <translation>Zurückgestellt — aber NICHT an diesem Packtisch gespeichert</translation>
    </message>
    <message>
        <source>On hold offline — recorded when the database is back</source>
        <translation>Offline zurückgestellt — wird erfasst, sobald die Datenbank zurück ist</translation>
    </message>
    <message>
        <source>Order %1: set the box aside for the lead. F8 takes the next order, kept for this bench.</source>
        <translation>Bestellung %1: Karton für die Schichtleitung beiseitestellen. F8 nimmt die nächste, für diesen Packtisch reservierte Bestellung.</translation>
    </message>
    <message>
        <source>Order %1: set the box aside for the lead. The next order is taken once the database is back.</source>
        <translation>Bestellung %1: Karton für die Schichtleitung beiseitestellen. Die nächste Bestellung wird genommen, sobald die Datenbank zurück ist.</translation>
    </message>
    <message>
        <source>Order %1 is on hold — recorded</source>
        <translation>Bestellung %1 ist zurückgestellt — erfasst</translation>
    </message>
    <message>
        <source>Its box waits for the lead · F8 takes the next order</source>
        <translation>Ihr Karton wartet auf die Schichtleitung · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>Approvals need the database</source>
        <translation>Freigaben brauchen die Datenbank</translation>
    </message>
    <message>
        <source>On hold — but NOT recorded yet</source>
        <translation>Zurückgestellt — aber noch NICHT erfasst</translation>
    </message>
    <message>
        <source>The database is unavailable; the order is put on hold as soon as it is back. Keep the box on the bench.</source>
        <translation>Die Datenbank ist nicht erreichbar; die Bestellung wird zurückgestellt, sobald sie zurück ist. Karton auf dem Packtisch lassen.</translation>
    </message>
    <message>
        <source>This order was NOT put on hold</source>
        <translation>Diese Bestellung wurde NICHT zurückgestellt</translation>
    </message>
    <message>
        <source>Order %1 is put on hold when the database is back. Keep the box on the bench.</source>
        <translation>Bestellung %1 wird zurückgestellt, sobald die Datenbank zurück ist. Karton auf dem Packtisch lassen.</translation>
    </message>
    <message>
        <source>ON HOLD: %1 — recorded</source>
        <translation>ZURÜCKGESTELLT: %1 — erfasst</translation>
    </message>
    <message>
        <source>Put the items on the hold shelf: they are scanned again when the hold is released</source>
        <translation>Artikel ins Rückstellregal legen: Sie werden erneut gescannt, wenn die Rückstellung aufgehoben ist</translation>
    </message>
    <message>
        <source>Order %1 changed or cancelled — stop packing</source>
        <translation>Bestellung %1 geändert oder storniert — nicht weiterpacken</translation>
    </message>
    <message>
        <source>Put its items back on the shelf: it does not ship</source>
        <translation>Ihre Artikel ins Regal zurücklegen: Sie wird nicht versandt</translation>
    </message>
    <message>
        <source>Put its items back: it is packed again from the start</source>
        <translation>Ihre Artikel zurücklegen: Sie wird von vorn gepackt</translation>
    </message>
    <message numerus="yes">
        <source>%1. %n scan(s) made offline are kept for the lead.</source>
        <translation>
            <numerusform>%1. %n offline gemachter Scan wird für die Schichtleitung aufbewahrt.</numerusform>
            <numerusform>%1. %n offline gemachte Scans werden für die Schichtleitung aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>This order</source>
        <translation>Diese Bestellung</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>%1 was cancelled — NOT put on hold</source>
        <translation>%1 wurde storniert — NICHT zurückgestellt</translation>
    </message>
    <message>
        <source>%1 was cancelled — NOT recorded as packed</source>
        <translation>%1 wurde storniert — NICHT als gepackt erfasst</translation>
    </message>
    <message>
        <source>%1 was cancelled — stop packing it</source>
        <translation>%1 wurde storniert — nicht weiterpacken</translation>
    </message>
    <message>
        <source>%1 changed — NOT put on hold</source>
        <translation>%1 wurde geändert — NICHT zurückgestellt</translation>
    </message>
    <message>
        <source>%1 changed — NOT recorded as packed</source>
        <translation>%1 wurde geändert — NICHT als gepackt erfasst</translation>
    </message>
    <message>
        <source>%1 changed — stop packing it</source>
        <translation>%1 wurde geändert — nicht weiterpacken</translation>
    </message>
    <message>
        <source>Order %1 was cancelled meanwhile: its box does not ship. Unpack it and put the items back on the shelf</source>
        <translation>Bestellung %1 wurde inzwischen storniert: Ihr Paket wird nicht versandt. Auspacken und die Artikel ins Regal zurücklegen</translation>
    </message>
    <message>
        <source>Order %1 changed meanwhile: set its box aside for the lead; the order is packed again from the start</source>
        <translation>Bestellung %1 wurde inzwischen geändert: Paket für die Schichtleitung beiseitestellen; die Bestellung wird von vorn gepackt</translation>
    </message>
    <message>
        <source>%1 · enter its weight in grams · F4 puts the order on hold for the lead</source>
        <translation>%1 · Gewicht in Gramm eingeben · F4 stellt den Auftrag für die Schichtleitung zurück</translation>
    </message>
    <message>
        <source>Order %1 was taken back meanwhile (another bench or a lead has it): set its box aside for the lead</source>
        <translation>Bestellung %1 wurde inzwischen zurückgenommen (ein anderer Packplatz oder eine Schichtleitung hat sie): Karton für die Schichtleitung beiseitestellen</translation>
    </message>
    <message>
        <source>The database did not answer</source>
        <translation>Die Datenbank hat nicht geantwortet</translation>
    </message>
    <message>
        <source>No order was taken. Try again in a moment</source>
        <translation>Es wurde keine Bestellung übernommen. Gleich noch einmal versuchen</translation>
    </message>
    <message>
        <source>It came with %1, which no barcode has: the scanner may be set to another keyboard layout (a lead sets scanning.scanner_layout)</source>
        <translation>Er enthielt %1, das kein Barcode hat: der Scanner ist vielleicht auf ein anderes Tastaturlayout eingestellt (die Schichtleitung setzt scanning.scanner_layout)</translation>
    </message>
    <message>
        <source>That was not a badge.</source>
        <translation>Das war kein Ausweis.</translation>
    </message>
    <message>
        <source>The database did not answer: scan REPRINT again in a moment</source>
        <translation>Die Datenbank hat nicht geantwortet: REPRINT gleich noch einmal scannen</translation>
    </message>
    <message>
        <source>the default printer</source>
        <translation>Standarddrucker</translation>
    </message>
    <message numerus="yes">
        <source>✔ ORDER %1 COMPLETE — %n label(s) printed</source>
        <translation>
            <numerusform>✔ BESTELLUNG %1 FERTIG — %n Etikett gedruckt</numerusform>
            <numerusform>✔ BESTELLUNG %1 FERTIG — %n Etiketten gedruckt</numerusform>
        </translation>
    </message>
    <message>
        <source>Shipped partial: the rest stays open in Shopify and is not queued here again · F8 takes the next order</source>
        <translation>Teillieferung: Der Rest bleibt in Shopify offen und kommt hier nicht wieder in die Warteschlange · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>Put the label on the box · F8 takes the next order</source>
        <translation>Etikett auf den Karton kleben · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>Put each label on its box · F8 takes the next order</source>
        <translation>Jedes Etikett auf seinen Karton kleben · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>Check the label printer, then scan REPRINT: the order is packed and its label bought (nothing is bought again)</source>
        <translation>Etikettendrucker prüfen, dann REPRINT scannen: Die Bestellung ist gepackt und ihr Etikett gekauft (es wird nichts erneut gekauft)</translation>
    </message>
    <message>
        <source>The carrier label of box %1 printed after all</source>
        <translation>Das Versandetikett von Paket %1 wurde doch noch gedruckt</translation>
    </message>
    <message numerus="yes">
        <source>%1: no label printed for box %2 yet</source>
        <translation>
            <numerusform>%1: für Paket %2 ist noch kein Etikett gedruckt</numerusform>
            <numerusform>%1: für die Pakete %2 ist noch kein Etikett gedruckt</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan REPRINT once the label printer is ready · F8 again takes the next order anyway</source>
        <translation>REPRINT scannen, sobald der Etikettendrucker bereit ist · F8 noch einmal nimmt trotzdem die nächste Bestellung</translation>
    </message>
    <message>
        <source>Scan REPRINT once the label printer is ready: the order is packed and its label bought</source>
        <translation>REPRINT scannen, sobald der Etikettendrucker bereit ist: die Bestellung ist gepackt und ihr Etikett gekauft</translation>
    </message>
    <message>
        <source>Scan REPRINT once the label printer is ready: the order is packed</source>
        <translation>REPRINT scannen, sobald der Etikettendrucker bereit ist: die Bestellung ist gepackt</translation>
    </message>
    <message>
        <source>The label of box %1 printed after all</source>
        <translation>Das Etikett von Paket %1 wurde doch noch gedruckt</translation>
    </message>
    <message numerus="yes">
        <source>No label on box %1 yet: scan REPRINT to print the order&apos;s labels again</source>
        <translation>
            <numerusform>Paket %1 hat noch kein Etikett: REPRINT scannen, um die Etiketten der Bestellung erneut zu drucken</numerusform>
            <numerusform>Die Pakete %1 haben noch kein Etikett: REPRINT scannen, um die Etiketten der Bestellung erneut zu drucken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labels</source>
        <translation>
            <numerusform>%n Etikett</numerusform>
            <numerusform>%n Etiketten</numerusform>
        </translation>
    </message>
    <message>
        <source>Every item is in a box — F9 completes the order</source>
        <translation>Alle Artikel sind verpackt — F9 schließt die Bestellung ab</translation>
    </message>
    <message>
        <source>Signing out, and reprints of earlier orders, work again once it is back</source>
        <translation>Abmelden und Nachdrucke früherer Bestellungen gehen wieder, sobald sie zurück ist</translation>
    </message>
    <message>
        <source>Scan REPRINT to print it again: it works offline too</source>
        <translation>REPRINT scannen, um ihn erneut zu drucken: das geht auch offline</translation>
    </message>
    <message>
        <source>Reprinted: %1 — but not the %2</source>
        <translation>Nachgedruckt: %1 — %2 nicht</translation>
    </message>
    <message>
        <source>The printer refused it; scan REPRINT again once it is ready</source>
        <translation>Der Drucker hat abgelehnt; REPRINT erneut scannen, sobald er bereit ist</translation>
    </message>
    <message>
        <source>Put the label on the box · %1</source>
        <translation>Etikett auf den Karton kleben · %1</translation>
    </message>
</context>
<context>
    <name>pb::ui::BenchScreen</name>
    <message>
        <source>&lt;b&gt;Packbench&lt;/b&gt; · station %1</source>
        <translation>&lt;b&gt;Packbench&lt;/b&gt; · Packplatz %1</translation>
    </message>
</context>
<context>
    <name>pb::ui::BoxWeightPanel</name>
    <message>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewicht:</translation>
    </message>
    <message>
        <source>Weight in grams</source>
        <translation>Gewicht in Gramm</translation>
    </message>
    <message>
        <source> g</source>
        <translation> g</translation>
    </message>
    <message>
        <source>— g</source>
        <translation>— g</translation>
    </message>
    <message>
        <source>Buy label</source>
        <translation>Etikett kaufen</translation>
    </message>
    <message>
        <source>Weigh box &lt;b&gt;%1&lt;/b&gt; for its carrier label</source>
        <translation>Paket &lt;b&gt;%1&lt;/b&gt; für sein Versandetikett wiegen</translation>
    </message>
</context>
<context>
    <name>pb::ui::CustomerTextLabel</name>
    <message>
        <source>… (cut here: F3 shows all of it)</source>
        <translation>… (hier gekürzt: F3 zeigt alles)</translation>
    </message>
</context>
<context>
    <name>pb::ui::DatabaseWaitWindow</name>
    <message>
        <source>Packbench — %1 (waiting for the database)</source>
        <translation>Packbench — %1 (wartet auf die Datenbank)</translation>
    </message>
    <message>
        <source>Ctrl+Q closes Packbench</source>
        <translation>Strg+Q schließt Packbench</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>The database answered</source>
        <translation>Die Datenbank antwortet</translation>
    </message>
    <message>
        <source>Starting the station…</source>
        <translation>Der Packplatz startet …</translation>
    </message>
    <message>
        <source>The database refused this station&apos;s login</source>
        <translation>Die Datenbank hat die Anmeldung dieses Packplatzes abgelehnt</translation>
    </message>
    <message>
        <source>Tell the lead: the station login or its password needs fixing. This bench starts by itself once it is fixed.</source>
        <translation>Bitte die Schichtleitung informieren: Die Anmeldung des Packplatzes oder ihr Passwort muss korrigiert werden. Danach startet dieser Packplatz von selbst.</translation>
    </message>
    <message>
        <source>Waiting for the central database</source>
        <translation>Warten auf die zentrale Datenbank</translation>
    </message>
    <message>
        <source>This bench starts by itself as soon as the database answers. Nothing is lost; if it takes more than a few minutes, tell the lead.</source>
        <translation>Dieser Packplatz startet von selbst, sobald die Datenbank antwortet. Es geht nichts verloren; dauert es mehr als ein paar Minuten, bitte die Schichtleitung informieren.</translation>
    </message>
    <message>
        <source>Trying now (try %1)</source>
        <translation>Neuer Versuch läuft (Versuch %1)</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n s (try %1)</source>
        <translation>
            <numerusform>Neuer Versuch in %n Sekunde (Versuch %1)</numerusform>
            <numerusform>Neuer Versuch in %n Sekunden (Versuch %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order %1 is on this bench: keep its box here. %n step(s) done offline are kept and are recorded when the database is back.</source>
        <translation>
            <numerusform>Bestellung %1 liegt an diesem Packplatz: ihren Karton hier lassen. %n offline erledigter Schritt ist gespeichert und wird eingetragen, sobald die Datenbank wieder da ist.</numerusform>
            <numerusform>Bestellung %1 liegt an diesem Packplatz: ihren Karton hier lassen. %n offline erledigte Schritte sind gespeichert und werden eingetragen, sobald die Datenbank wieder da ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 is on this bench: keep its box here. It opens again when you sign in.</source>
        <translation>Bestellung %1 liegt an diesem Packplatz: ihren Karton hier lassen. Sie öffnet sich wieder, wenn Sie sich anmelden.</translation>
    </message>
    <message>
        <source>The central database is being upgraded</source>
        <translation>Die zentrale Datenbank wird aktualisiert</translation>
    </message>
    <message>
        <source>This bench starts by itself once the upgrade is done (packbench-hub migrate). Nothing is lost; if it takes more than a few minutes, tell the lead.</source>
        <translation>Dieser Packplatz startet von selbst, sobald die Aktualisierung fertig ist (packbench-hub migrate). Es geht nichts verloren; dauert es mehr als ein paar Minuten, bitte die Schichtleitung informieren.</translation>
    </message>
</context>
<context>
    <name>pb::ui::LeadApprovalPanel</name>
    <message>
        <source>Lead &amp;badge:</source>
        <translation>&amp;Ausweis Schichtleitung:</translation>
    </message>
    <message>
        <source>Lead badge</source>
        <translation>Ausweis Schichtleitung</translation>
    </message>
    <message>
        <source>scan lead badge</source>
        <translation>Ausweis der Schichtleitung scannen</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>Lead PIN</source>
        <translation>PIN der Schichtleitung</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Scan a lead badge first</source>
        <translation>Zuerst den Ausweis der Schichtleitung scannen</translation>
    </message>
    <message>
        <source>Type the lead&apos;s PIN</source>
        <translation>PIN der Schichtleitung eingeben</translation>
    </message>
</context>
<context>
    <name>pb::ui::PackLinesModel</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Too many!</source>
        <translation>Zu viele!</translation>
    </message>
    <message>
        <source>✔ Done</source>
        <translation>✔ Fertig</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n weiterer</numerusform>
            <numerusform>%n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>To scan</source>
        <translation>Zu scannen</translation>
    </message>
    <message>
        <source>%1 %2, bin %3, %4 of %5 scanned</source>
        <translation>%1 %2, Fach %3, %4 von %5 gescannt</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>Fach</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Gescannt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No barcode · F2 to count</source>
        <translation>Kein Barcode · F2 zum Zählen</translation>
    </message>
</context>
<context>
    <name>pb::ui::PackView</name>
    <message>
        <source>Items verified</source>
        <translation>Artikel geprüft</translation>
    </message>
    <message>
        <source>Items in this order</source>
        <translation>Artikel in dieser Bestellung</translation>
    </message>
    <message>
        <source>F2 manual quantity · F4 hold · F6 next box · F9 complete · F10 ship partial · Enter acknowledges an error</source>
        <translation>F2 Menge von Hand · F4 zurückstellen · F6 nächster Karton · F9 abschließen · F10 Teillieferung · Enter bestätigt einen Fehler</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>&amp;Menge:</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Barcode damaged</source>
        <translation>Barcode beschädigt</translation>
    </message>
    <message>
        <source>No barcode on item</source>
        <translation>Kein Barcode am Artikel</translation>
    </message>
    <message>
        <source>Barcode will not scan</source>
        <translation>Barcode lässt sich nicht scannen</translation>
    </message>
    <message>
        <source>&amp;Lead badge:</source>
        <translation>&amp;Ausweis Schichtleitung:</translation>
    </message>
    <message>
        <source>Lead badge</source>
        <translation>Ausweis Schichtleitung</translation>
    </message>
    <message>
        <source>scan lead badge</source>
        <translation>Ausweis der Schichtleitung scannen</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>LATE — ship by %1</source>
        <translation>VERSPÄTET — Versand bis %1</translation>
    </message>
    <message>
        <source>ship by %1</source>
        <translation>Versand bis %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>GIFT — add a card: “%1”</source>
        <translation>GESCHENK — Karte beilegen: „%1“</translation>
    </message>
    <message>
        <source>%1 of %2 items verified</source>
        <translation>%1 von %2 Artikeln geprüft</translation>
    </message>
    <message>
        <source>Box %1</source>
        <translation>Karton %1</translation>
    </message>
    <message numerus="yes">
        <source>Scan the items · %n to go</source>
        <translation>
            <numerusform>Artikel scannen · noch %n</numerusform>
            <numerusform>Artikel scannen · noch %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>Scan ACK or press Enter to continue</source>
        <translation>ACK scannen oder Enter drücken, um fortzufahren</translation>
    </message>
    <message>
        <source>✔ %1  %2 / %3</source>
        <translation>✔ %1  %2 / %3</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) to go</source>
        <translation>
            <numerusform>noch %n Artikel</numerusform>
            <numerusform>noch %n Artikel</numerusform>
        </translation>
    </message>
    <message>
        <source>All items verified — press F9 to complete</source>
        <translation>Alle Artikel geprüft — F9 drücken zum Abschließen</translation>
    </message>
    <message>
        <source>✖ WRONG ITEM: %1</source>
        <translation>✖ FALSCHER ARTIKEL: %1</translation>
    </message>
    <message>
        <source>It is not on this order — put it back. %1</source>
        <translation>Er gehört nicht zu dieser Bestellung — zurücklegen. %1</translation>
    </message>
    <message>
        <source>✖ UNKNOWN BARCODE %1</source>
        <translation>✖ UNBEKANNTER BARCODE %1</translation>
    </message>
    <message>
        <source>Set the item aside for the lead. %1</source>
        <translation>Artikel für die Schichtleitung beiseitelegen. %1</translation>
    </message>
    <message>
        <source>✖ TOO MANY: %1</source>
        <translation>✖ ZU VIELE: %1</translation>
    </message>
    <message>
        <source>This line is already complete — take one out. %1</source>
        <translation>Diese Position ist schon vollständig — einen herausnehmen. %1</translation>
    </message>
    <message>
        <source>✖ BARCODE NOT READABLE</source>
        <translation>✖ BARCODE NICHT LESBAR</translation>
    </message>
    <message>
        <source>Rescan, or press F2 to enter the quantity. %1</source>
        <translation>Erneut scannen oder F2 drücken, um die Menge einzugeben. %1</translation>
    </message>
    <message>
        <source>Already counted</source>
        <translation>Bereits gezählt</translation>
    </message>
    <message numerus="yes">
        <source>Error cleared · %n to go</source>
        <translation>
            <numerusform>Fehler bestätigt · noch %n</numerusform>
            <numerusform>Fehler bestätigt · noch %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue scanning</source>
        <translation>Weiter scannen</translation>
    </message>
    <message>
        <source>Box %1 started</source>
        <translation>Karton %1 begonnen</translation>
    </message>
    <message>
        <source>ON HOLD: %1</source>
        <translation>ZURÜCKGESTELLT: %1</translation>
    </message>
    <message>
        <source>✔ ORDER %1 COMPLETE</source>
        <translation>✔ BESTELLUNG %1 FERTIG</translation>
    </message>
    <message>
        <source>Seal the box · F8 takes the next order</source>
        <translation>Karton verschließen · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>✖ NOT SAVED — database problem</source>
        <translation>✖ NICHT GESPEICHERT — Datenbankproblem</translation>
    </message>
    <message>
        <source>Nothing was counted. Scan the item again; call the lead if this repeats.</source>
        <translation>Nichts wurde gezählt. Artikel erneut scannen; bei Wiederholung die Schichtleitung rufen.</translation>
    </message>
    <message>
        <source>%1 is already complete</source>
        <translation>%1 ist bereits vollständig</translation>
    </message>
    <message>
        <source>Manual: &lt;b&gt;%1&lt;/b&gt; %2</source>
        <translation>Von Hand: &lt;b&gt;%1&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>Manual quantity for %1</source>
        <translation>Menge von Hand für %1</translation>
    </message>
    <message>
        <source>&amp;Hold because:</source>
        <translation>&amp;Zurückstellen, weil:</translation>
    </message>
    <message>
        <source>Item damaged</source>
        <translation>Artikel beschädigt</translation>
    </message>
    <message>
        <source>Item missing from bin</source>
        <translation>Artikel fehlt im Fach</translation>
    </message>
    <message>
        <source>Wrong item in bin</source>
        <translation>Falscher Artikel im Fach</translation>
    </message>
    <message>
        <source>Customer asked to change the order</source>
        <translation>Kunde möchte die Bestellung ändern</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Put this order on hold?</source>
        <translation>Diese Bestellung zurückstellen?</translation>
    </message>
    <message>
        <source>Choose a reason and press Enter · Esc cancels</source>
        <translation>Grund wählen und Enter drücken · Esc bricht ab</translation>
    </message>
    <message>
        <source>&amp;Ship partial because:</source>
        <translation>&amp;Teillieferung, weil:</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Nicht vorrätig</translation>
    </message>
    <message>
        <source>Customer agreed to split</source>
        <translation>Kunde hat der Teillieferung zugestimmt</translation>
    </message>
    <message>
        <source>Ship %1 of %2 items now?</source>
        <translation>%1 von %2 Artikeln jetzt versenden?</translation>
    </message>
    <message>
        <source>Put the items on the hold shelf: they are scanned again when the hold is released</source>
        <translation>Artikel ins Rückstellregal legen: Sie werden erneut gescannt, wenn die Rückstellung aufgehoben ist</translation>
    </message>
    <message>
        <source>P&amp;IN:</source>
        <translation>P&amp;IN:</translation>
    </message>
    <message>
        <source>Lead PIN</source>
        <translation>PIN der Schichtleitung</translation>
    </message>
    <message>
        <source>Lead badge %1 · type the lead&apos;s PIN</source>
        <translation>Ausweis Schichtleitung %1 · PIN der Schichtleitung eingeben</translation>
    </message>
    <message>
        <source>Enter approves · Esc cancels</source>
        <translation>Enter gibt frei · Esc bricht ab</translation>
    </message>
    <message>
        <source>Choose a reason, then a lead scans their badge and types their PIN · Esc cancels</source>
        <translation>Grund wählen, dann scannt die Schichtleitung ihren Ausweis und gibt ihre PIN ein · Esc bricht ab</translation>
    </message>
    <message>
        <source>A lead must scan their badge and type their PIN to approve</source>
        <translation>Zur Freigabe muss die Schichtleitung ihren Ausweis scannen und ihre PIN eingeben</translation>
    </message>
    <message>
        <source>✔ %1 label %2 on box %3</source>
        <translation>✔ %1-Etikett %2 auf Paket %3</translation>
    </message>
    <message>
        <source>✖ LABEL NOT ATTACHED: %1 %2</source>
        <translation>✖ ETIKETT NICHT ZUGEORDNET: %1 %2</translation>
    </message>
    <message>
        <source>Box %1 already has %2 %3 — press F6 to start a new box for this label</source>
        <translation>Paket %1 hat schon %2 %3 — F6 beginnt ein neues Paket für dieses Etikett</translation>
    </message>
    <message>
        <source>That label is already on box %1</source>
        <translation>Dieses Etikett gehört schon zu Paket %1</translation>
    </message>
    <message>
        <source>Box %1 ships with %2: all boxes of an order go with one carrier</source>
        <translation>Paket %1 geht mit %2: alle Pakete eines Auftrags gehen mit einem Versanddienst</translation>
    </message>
    <message>
        <source>The database did not take it — scan it again; call the lead if this repeats</source>
        <translation>Die Datenbank hat es nicht angenommen — noch einmal scannen; bei Wiederholung die Schichtleitung rufen</translation>
    </message>
    <message>
        <source>Box %1: %2 %3</source>
        <translation>Paket %1: %2 %3</translation>
    </message>
    <message>
        <source>Tracking — %1</source>
        <translation>Sendungsverfolgung — %1</translation>
    </message>
    <message>
        <source>If it is a %1 label: scan ACK, then scan it again</source>
        <translation>Falls es ein %1-Etikett ist: ACK scannen, dann noch einmal scannen</translation>
    </message>
    <message>
        <source>✖ NOT SAVED — the sign-in had ended</source>
        <translation>✖ NICHT GESPEICHERT — die Anmeldung war abgelaufen</translation>
    </message>
    <message>
        <source>Nothing was counted. Repeat the last scan or step.</source>
        <translation>Nichts wurde gezählt. Letzten Scan oder Schritt wiederholen.</translation>
    </message>
    <message>
        <source>Same barcode as %1: check you hold %2 · %3</source>
        <translation>Gleicher Barcode wie %1: prüfen, ob es %2 ist · %3</translation>
    </message>
    <message>
        <source>Shipped partial (%1). The rest stays open in Shopify and is not queued here again · F8 takes the next order</source>
        <translation>Teillieferung (%1). Der Rest bleibt in Shopify offen und kommt hier nicht wieder in die Warteschlange · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>F8 takes the next order · scan REPRINT to print its slip and label again</source>
        <translation>F8 nimmt die nächste Bestellung · REPRINT scannen druckt ihren Lieferschein und ihr Etikett erneut</translation>
    </message>
    <message>
        <source>Complete · waiting for the carrier label · F9 asks again · F4 puts the order on hold</source>
        <translation>Vollständig · wartet auf das Versandetikett · F9 fragt erneut an · F4 stellt den Auftrag zurück</translation>
    </message>
    <message>
        <source>Seal the %1 boxes · F8 takes the next order</source>
        <translation>Die %1 Kartons verschließen · F8 nimmt die nächste Bestellung</translation>
    </message>
    <message>
        <source>Already on this box · %1</source>
        <translation>Schon auf diesem Paket · %1</translation>
    </message>
    <message>
        <source>Kept at this bench until the database is back · %1</source>
        <translation>An diesem Packtisch gespeichert, bis die Datenbank zurück ist · %1</translation>
    </message>
</context>
<context>
    <name>pb::ui::PrintJobsModel</name>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Trying again (attempt %1)</source>
        <translation>Neuer Versuch (Versuch %1)</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>Moved to job %1</source>
        <translation>Umgeleitet zu Auftrag %1</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Gedruckt</translation>
    </message>
    <message>
        <source>(no order)</source>
        <translation>(keine Bestellung)</translation>
    </message>
    <message>
        <source>Slip</source>
        <translation>Lieferschein</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>(default printer)</source>
        <translation>(Standarddrucker)</translation>
    </message>
    <message>
        <source>Label · box %1</source>
        <translation>Etikett · Karton %1</translation>
    </message>
</context>
<context>
    <name>pb::ui::PrintJobsView</name>
    <message>
        <source>Print jobs at this bench</source>
        <translation>Druckaufträge an diesem Packplatz</translation>
    </message>
    <message>
        <source>Last problem: %1</source>
        <translation>Letztes Problem: %1</translation>
    </message>
    <message>
        <source>Send it to which printer? ↑ ↓ then Enter · Esc goes back</source>
        <translation>An welchen Drucker senden? ↑ ↓, dann Enter · Esc geht zurück</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>R reprint · M send to another printer · a lead approves with badge and PIN · F5 refresh · Esc back to the orders</source>
        <translation>R erneut drucken · M an anderen Drucker senden · eine Schichtleitung bestätigt mit Ausweis und PIN · F5 aktualisieren · Esc zurück zu den Bestellungen</translation>
    </message>
    <message>
        <source>The print journal could not be read: %1</source>
        <translation>Das Druckprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>There is no other printer to send it to</source>
        <translation>Es gibt keinen anderen Drucker dafür</translation>
    </message>
</context>
<context>
    <name>pb::ui::QueueTableModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>late by %1 h %2 min</source>
        <translation>%1 h %2 min verspätet</translation>
    </message>
    <message>
        <source>in %1 min</source>
        <translation>in %1 min</translation>
    </message>
    <message>
        <source>in %1 h %2 min</source>
        <translation>in %1 h %2 min</translation>
    </message>
    <message>
        <source>in %1 h</source>
        <translation>in %1 h</translation>
    </message>
    <message>
        <source>Express</source>
        <translation>Express</translation>
    </message>
    <message>
        <source>Rush</source>
        <translation>Eilig</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Artikel</numerusform>
            <numerusform>%n Artikel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> / %n line(s)</source>
        <translation>
            <numerusform> / %n Position</numerusform>
            <numerusform> / %n Positionen</numerusform>
        </translation>
    </message>
    <message>
        <source>Being packed</source>
        <translation>Wird gepackt</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Order %1, %2, ship %3</source>
        <translation>Bestellung %1, %2, Versand %3</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation>Versand bis</translation>
    </message>
    <message>
        <source>Shipping method</source>
        <translation>Versandart</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>pb::ui::SignInView</name>
    <message>
        <source>No badge? Type your badge number and PIN:</source>
        <translation>Kein Ausweis? Ausweisnummer und PIN eingeben:</translation>
    </message>
    <message>
        <source>Badge number</source>
        <translation>Ausweisnummer</translation>
    </message>
    <message>
        <source>e.g. PB-1001</source>
        <translation>z. B. PB-1001</translation>
    </message>
    <message>
        <source>&amp;Badge:</source>
        <translation>&amp;Ausweis:</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Scan your badge, then type your PIN</source>
        <translation>Ausweis scannen, dann PIN eingeben</translation>
    </message>
    <message>
        <source>Badge %1 · type your PIN and press Enter</source>
        <translation>Ausweis %1 · PIN eingeben und Enter drücken</translation>
    </message>
    <message>
        <source>Not your badge? Scan yours</source>
        <translation>Nicht Ihr Ausweis? Scannen Sie Ihren</translation>
    </message>
    <message>
        <source>Scan your badge or type its number, then type your PIN</source>
        <translation>Ausweis scannen oder Nummer eingeben, dann PIN eingeben</translation>
    </message>
</context>
<context>
    <name>pb::ui::SlipPreviewDialog</name>
    <message>
        <source>Packing slip %1</source>
        <translation>Lieferschein %1</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <source>Cannot render the slip: %1</source>
        <translation>Lieferschein kann nicht erzeugt werden: %1</translation>
    </message>
    <message>
        <source>The custom template failed (%1); showing the built-in slip.</source>
        <translation>Die eigene Vorlage ist fehlgeschlagen (%1); der eingebaute Lieferschein wird angezeigt.</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>No printer: set printing.slip_printer, or a default printer on this computer</source>
        <translation>Kein Drucker: printing.slip_printer setzen oder einen Standarddrucker auf diesem Computer einrichten</translation>
    </message>
    <message>
        <source>Not printed on %1: %2</source>
        <translation>Nicht gedruckt auf %1: %2</translation>
    </message>
    <message>
        <source>Sent to %1, with characters no installed font has: %2</source>
        <translation>An %1 gesendet, mit Zeichen, die keine installierte Schrift hat: %2</translation>
    </message>
    <message>
        <source>Sent to %1</source>
        <translation>An %1 gesendet</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Wird an %1 gesendet …</translation>
    </message>
    <message>
        <source>Sending to the default printer…</source>
        <translation>Wird an den Standarddrucker gesendet …</translation>
    </message>
</context>
<context>
    <name>pb::ui::StationWindow</name>
    <message>
        <source>Packbench — %1</source>
        <translation>Packbench — %1</translation>
    </message>
    <message>
        <source>&amp;Refresh queue</source>
        <translation>Warteschlange &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Take &amp;next order</source>
        <translation>&amp;Nächste Bestellung nehmen</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation>&amp;Lager:</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Lager</translation>
    </message>
    <message>
        <source>Orders waiting</source>
        <translation>Wartende Bestellungen</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting at %1</source>
        <translation>
            <numerusform>%n Bestellung wartet in %1</numerusform>
            <numerusform>%n Bestellungen warten in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Packer: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Packer: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Print jobs</source>
        <translation>&amp;Druckaufträge</translation>
    </message>
    <message>
        <source>Print jobs at this bench, newest first</source>
        <translation>Druckaufträge an diesem Packplatz, neueste zuerst</translation>
    </message>
    <message>
        <source>&amp;End of day</source>
        <translation>&amp;Tagesabschluss</translation>
    </message>
    <message>
        <source>F8 take the next order · Enter pack the selected order · F5 refresh · F4 print jobs · F10 end of day · Ctrl+Q or scan SIGN OUT to sign out</source>
        <translation>F8 nächste Bestellung · Enter gewählte Bestellung packen · F5 aktualisieren · F4 Druckaufträge · F10 Tagesabschluss · Strg+Q oder ABMELDEN scannen zum Abmelden</translation>
    </message>
    <message>
        <source>Scanner: looking for it…</source>
        <translation>Scanner: wird gesucht …</translation>
    </message>
    <message>
        <source>Scanner on %1</source>
        <translation>Scanner an %1</translation>
    </message>
    <message>
        <source>Scanner on %1 NOT connected — check its cable</source>
        <translation>Scanner an %1 NICHT verbunden – Kabel prüfen</translation>
    </message>
</context>
</TS>
