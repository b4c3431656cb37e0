package org.flipad.streams.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Methods and paths onto routes; malformed requests onto problems that say what was wrong. */
class ApiRouterTest {

  @Test
  void shouldRouteAnUploadIdPercentDecoded() {
    assertThat(ApiRouter.route("GET", "/api/v1/uploads/u-1")).isEqualTo(new ApiRoute.Upload("u-1"));
    assertThat(ApiRouter.route("GET", "/api/v1/uploads/tenant%2Fu%201%C3%A9"))
        .isEqualTo(new ApiRoute.Upload("tenant/u 1é"));
    assertThat(ApiRouter.route("HEAD", "/api/v1/uploads/a+b"))
        .isEqualTo(new ApiRoute.Upload("a+b"));
  }

  @Test
  void shouldRouteImagesModelsAndTheDescription() {
    assertThat(ApiRouter.route("GET", "/api/v1/images/" + "AB".repeat(32)))
        .isEqualTo(new ApiRoute.Image("ab".repeat(32)));
    assertThat(ApiRouter.route("GET", "/api/v1/models")).isEqualTo(new ApiRoute.Models());
    assertThat(ApiRouter.route("GET", "/api/v1/openapi.yaml")).isEqualTo(new ApiRoute.OpenApi());
  }

  @Test
  void shouldRefuseMalformedUploadIdsWithTheReason() {
    assertThat(problem("GET", "/api/v1/uploads/"))
        .satisfies(p -> assertCode(p, 400, "MALFORMED_UPLOAD_ID"));
    assertThat(problem("GET", "/api/v1/uploads/a/b").message()).contains("'/'");
    assertThat(problem("GET", "/api/v1/uploads/bad%zz").message()).contains("%zz");
    assertThat(problem("GET", "/api/v1/uploads/%FF%FE").message()).contains("UTF-8");
    assertThat(problem("GET", "/api/v1/uploads/%0A").message()).contains("control");
    assertThat(problem("GET", "/api/v1/uploads/" + "x".repeat(513)).message())
        .contains("513 bytes");
  }

  @Test
  void shouldRefuseADigestThatIsNotSixtyFourHexCharacters() {
    ApiProblem problem = problem("GET", "/api/v1/images/abc");

    assertCode(problem, 400, "MALFORMED_SHA256");
    assertThat(problem.message()).contains("'abc'").contains("64 hex");
  }

  @Test
  void shouldRefuseUnknownPathsAndListTheEndpoints() {
    ApiProblem problem = problem("GET", "/api/v2/uploads/u-1");

    assertCode(problem, 404, "NO_SUCH_ENDPOINT");
    assertThat(problem.message()).contains("/api/v1/uploads/{uploadId}");
  }

  @Test
  void shouldRefuseMethodsOtherThanGetAndHead() {
    ApiProblem problem = problem("DELETE", "/api/v1/uploads/u-1");

    assertCode(problem, 405, "METHOD_NOT_ALLOWED");
    assertThat(problem.message()).contains("DELETE").contains("use GET");
  }

  private static ApiProblem problem(String method, String path) {
    ApiRoute route = ApiRouter.route(method, path);
    assertThat(route).isInstanceOf(ApiRoute.Refused.class);
    return ((ApiRoute.Refused) route).problem();
  }

  private static void assertCode(ApiProblem problem, int status, String code) {
    assertThat(problem.status()).isEqualTo(status);
    assertThat(problem.code()).isEqualTo(code);
  }
}
