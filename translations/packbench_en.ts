<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>CommonOptions</name>
    <message>
        <source>Read configuration from &lt;file&gt; (overrides system and user files).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Override one key, e.g. --set log.level=debug (repeatable).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Print the effective configuration and where each value came from, then exit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ignore the system and user config files.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>—</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>late by %1 h %2 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>in %1 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>in %1 h %2 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>in %1 h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Express</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rush</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation><numerusform>%n item</numerusform><numerusform>%n items</numerusform></translation>
    </message>
    <message numerus="yes">
        <source> / %n line(s)</source>
        <translation><numerusform> / %n line</numerusform><numerusform> / %n lines</numerusform></translation>
    </message>
    <message>
        <source>Being packed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>On hold</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order %1, %2, ship %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ship by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shipping method</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <source>Packbench — %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Packbench&lt;/b&gt; · station %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Warehouse:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Warehouse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Orders waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Refresh queue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database problem: cannot read warehouses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No warehouses configured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Database problem: the queue could not be read</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting at %1</source>
        <translation><numerusform>%n order waiting at %1</numerusform><numerusform>%n orders waiting at %1</numerusform></translation>
    </message>
    <message>
        <source>All caught up — nothing to pack</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ready · next: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Packbench pack station: scan, verify, print, ship.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save a screenshot of the station window to &lt;png&gt; and exit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Packbench cannot start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Embedded demo database (SQLite): %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Central database (PostgreSQL)</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>