package cn.sunshine.enrollment.ledger;

/** Responses of the ledger feature. */
public final class LedgerDtos {

    private LedgerDtos() {
    }

    /** A class's ledger as a file: its name, media type and bytes. */
    public record Export(String filename, String mediaType, byte[] body) {
    }
}
