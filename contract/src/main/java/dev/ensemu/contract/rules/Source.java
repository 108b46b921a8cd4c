package dev.ensemu.contract.rules;

/**
 * Where a rule comes from: a page, a file or a standard a user can open.
 *
 * @param id    the name rules.yaml gives it (e.g. {@code ens-export-image}, {@code SPEC-NOTES 27})
 * @param where its address: a URL, or the repository's {@code api/SPEC-NOTES.md} entry
 */
public record Source(String id, Kind kind, String title, String where) {
    /** What kind of source: every kind but {@link #SPEC_NOTES} is outside ensemu. */
    public enum Kind {
        ENS_DOC("ens-doc"),
        ALIBABA_DOC("alibaba-doc"),
        API_METADATA("api-metadata"),
        SDK("sdk"),
        STANDARD("standard"),
        /** An entry of api/SPEC-NOTES.md: ensemu's own decision, or its record of one of the other sources. */
        SPEC_NOTES("spec-notes");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown source kind \"" + label + "\"");
        }
    }

    public static final String SPEC_NOTES_PREFIX = "SPEC-NOTES ";

    /** The entry {@code number} of api/SPEC-NOTES.md (e.g. {@code 28a}). */
    public static Source specNotes(String number) {
        return new Source(SPEC_NOTES_PREFIX + number, Kind.SPEC_NOTES, "ensemu's decision " + number, "api/SPEC-NOTES.md, entry " + number);
    }

    /** True for a source outside ensemu: a MUST rule needs at least one. */
    public boolean external() {
        return kind != Kind.SPEC_NOTES;
    }

    /** The SPEC-NOTES entry number, for a SPEC-NOTES source. */
    public String specNotesEntry() {
        return id.substring(SPEC_NOTES_PREFIX.length());
    }
}
