"""People and teams, kept by the scrutiny team: the officers, councillors and teams that work is
assigned to, with their job titles and directorates."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutineer.core import permissions, selectors, services
from scrutineer.core.forms import PersonForm, add_service_errors
from scrutineer.core.models import Person
from scrutineer.core.permissions import permission_required

PAGE_SIZE = 50


@permission_required(permissions.can_manage_people)
def person_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    name = request.GET.get("name", "").strip()
    people = selectors.person_list(kind=kind, name=name)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in {"kind": kind, "name": name}.items() if value})
    return render(
        request,
        "core/people/list.html",
        {
            "page": page,
            "people": page.object_list,
            "kinds": Person.Kind.choices,
            "kind": kind,
            "name": name,
            "query": query,
            "can_manage_users": permissions.can_manage_users(request.user),
        },
    )


@permission_required(permissions.can_manage_people)
def person_add(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, initial={"kind": request.GET.get("kind", "officer")})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Recorded: {person.name}")
            return redirect("core:person_list")
    return render(
        request,
        "core/people/form.html",
        {"form": form, "title": "Add a person or team", "submit": "Save"},
    )


@permission_required(permissions.can_manage_people)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    form = PersonForm(
        request.POST or None,
        person=person,
        initial={
            "name": person.name,
            "kind": person.kind,
            "job_title": person.job_title,
            "directorate": person.directorate,
            "email": person.email,
            "teams": list(person.teams.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved: {person.name}")
            return redirect("core:person_list")
    return render(
        request,
        "core/people/form.html",
        {
            "form": form,
            "title": f"Change {person.name}",
            "person": person,
            "submit": "Save",
            "can_manage_users": permissions.can_manage_users(request.user),
        },
    )
