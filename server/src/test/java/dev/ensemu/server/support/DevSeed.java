package dev.ensemu.server.support;

/** The keys of the bundled development seed, as the README publishes them. */
public final class DevSeed {
    public static final String KEY_ID = "LTAIEnsemuDevAccess01";
    public static final String SECRET = "EnsemuDevSecretDoNotUseInProduction01";
    public static final int IMAGE_COUNT = 24;
    public static final String OTHER_KEY_ID = "LTAIEnsemuOtherAcct01";
    public static final String OTHER_SECRET = "EnsemuOtherSecretDoNotUseInProduction01";
    public static final int OTHER_IMAGE_COUNT = 9;
    public static final String NO_PERMISSION_KEY_ID = "LTAIEnsemuNoPermission1";
    public static final String NO_PERMISSION_SECRET = "EnsemuNoPermissionSecret01";
    /** Granted {@code ens:Describe*}: both Describe operations, not ExportImage. */
    public static final String READ_ONLY_KEY_ID = "LTAIEnsemuReadOnly01";
    public static final String READ_ONLY_SECRET = "EnsemuReadOnlySecretDoNotUseInProduction01";
    public static final int READ_ONLY_IMAGE_COUNT = 3;
    public static final int ALL_IMAGE_COUNT = IMAGE_COUNT + OTHER_IMAGE_COUNT + READ_ONLY_IMAGE_COUNT;
    public static final int ACCOUNT_COUNT = 4;

    private DevSeed() {}
}
