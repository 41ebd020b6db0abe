package org.amanat.notice;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.amanat.Fuzzing;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.protocol.AlgorithmPolicy;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * An officer's request body, read as {@code POST /api/v1/notices} reads it, then validated: it is
 * refused as JSON (a {@link JsonProcessingException}, 400), or read and given its violations (422 if
 * any). Any other throwable fails the target. Seeds: requests like the README's.
 */
class NoticeRequestFuzzTest {
    private static final ObjectMapper API_JSON = apiObjectMapper();
    private static final PartnerProfile GLOBALTUBE = new PartnerProfile("globaltube", "GlobalTube", null, null, null, null, null,
            null, null, null, null);
    private final NoticeRequestValidator validator = new NoticeRequestValidator(
            new PartnerDirectory(List.of(new Partner(GLOBALTUBE, null, null, null, AlgorithmPolicy.strict()))));

    @FuzzTest(maxDuration = Fuzzing.PER_TARGET)
    void readsAndValidatesRequest(byte[] body) throws IOException {
        NoticeRequest request;
        try {
            request = API_JSON.readValue(body, NoticeRequest.class);
        } catch (JsonProcessingException refused) {
            return;
        }
        if (request != null) {
            validator.validate(request);
        }
    }

    /** The API's ObjectMapper: Spring Boot's, configured by the spring.jackson settings of application.yml. */
    private static ObjectMapper apiObjectMapper() {
        try (var context = new SpringApplicationBuilder(JacksonAutoConfiguration.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run()) {
            return context.getBean(ObjectMapper.class);
        }
    }
}
