package org.amanat.notice;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

/**
 * An officer's request body, read as {@code POST /api/v1/notices} reads it (the application's own JSON
 * converter: strict UTF-8 first, then the strict mapper), then validated: it is refused as unreadable
 * ({@link HttpMessageNotReadableException}, 400), or read and given its violations (422 if any). Any
 * other throwable fails the target. Seeds: requests like the README's, and each crash found.
 */
class NoticeRequestFuzzTest {
    private static final HttpMessageConverter<Object> API_JSON = apiJsonConverter();
    private static final PartnerProfile GLOBALTUBE =
            new PartnerProfile("globaltube", "GlobalTube", null, null, null, null, null, null, null, null, null);
    private final NoticeRequestValidator validator = new NoticeRequestValidator(
            new PartnerDirectory(List.of(new Partner(GLOBALTUBE, null, null, null, AlgorithmPolicy.strict()))));

    @FuzzTest(maxDuration = Fuzzing.PER_TARGET)
    void readsAndValidatesRequest(byte[] body) throws IOException {
        var message = new MockHttpInputMessage(body);
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        NoticeRequest request;
        try {
            request = (NoticeRequest) API_JSON.read(NoticeRequest.class, message);
        } catch (HttpMessageNotReadableException refused) {
            return;
        }
        if (request != null) {
            validator.validate(request);
        }
    }

    /**
     * The converter the API reads JSON with: Spring Boot's Jackson set up with the application's settings and
     * {@code org.amanat.web.StrictJson} (package-private there, so named here).
     */
    @SuppressWarnings("unchecked")
    private static HttpMessageConverter<Object> apiJsonConverter() {
        try (var context = new SpringApplicationBuilder(
                        JacksonAutoConfiguration.class, Class.forName("org.amanat.web.StrictJson"))
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run()) {
            return context.getBean(MappingJackson2HttpMessageConverter.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
