from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import APIView


class SecureEndpoint(APIView):
    """GET /api/secure/: the same JSON as Bastion's, behind JWTAuthentication + IsAuthenticated."""

    def get(self, request):
        return Response({"message": "This is a secure endpoint."})


def ready(request):
    return JsonResponse({"status": "ok"})
