/** A firewall gate built on the fwcheck library. */
module com.example.firewall {
    requires transitive io.fwcheck.core;

    exports com.example.firewall;
}
